"""The one policy module and the pure calculators. Nothing here imports Dash or Flask."""
