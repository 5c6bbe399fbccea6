"""The server's first paint of a Dash page: the page's layout as one tree (page_tree), written as
HTML (layout_html with the component markup), the parts no callback touches sent as HTML
(static_html), and a calculator's layout for what was typed before the app was live
(edited_layout)."""
