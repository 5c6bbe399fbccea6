"""Answers as JSON-ready dicts in the API's vocabulary: the API's responses, the pre-check's stored
results and the share images read these, so every front end says the same."""
