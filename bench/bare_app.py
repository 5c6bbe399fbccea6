"""Baseline: a bare Dash app with one no-op callback, served like the site (Flask, threaded)."""

import os

from dash import Dash, Input, Output, dcc, html

app = Dash(__name__, compress=True)  # served as a Dash user serves it: compressed, like the site
app.layout = html.Div([dcc.Input(id="x", value="1"), html.Div(id="y")])


@app.callback(Output("y", "children"), Input("x", "value"))
def noop(value):
    return value


if __name__ == "__main__":
    app.run(host="127.0.0.1", port=int(os.environ["PORT"]), debug=False)
