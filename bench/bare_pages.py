"""Baselines for bench/phone.py: the least a Dash app can be, served like the site (gunicorn).

BARE=text  one input, one callback writing text.
BARE=graph the same plus one dcc.Graph (Dash's default: the full plotly.js bundle).
"""

import os

from dash import Dash, Input, Output, dcc, html

app = Dash(__name__, compress=True)  # served as a Dash user serves it: compressed, like the site
children = [dcc.Input(id="x", value="600000"), html.Div(id="y")]
if os.environ.get("BARE", "text") == "graph":
    children.append(dcc.Graph(id="g", figure={"data": [{"type": "scatter", "y": [3, 1, 2]}]}))
app.layout = html.Div(children)
server = app.server


@app.callback(Output("y", "children"), Input("x", "value"))
def echo(value):
    return f"answer {value}"
