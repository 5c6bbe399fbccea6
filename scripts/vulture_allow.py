"""Names vulture cannot see being used (tests/test_code_shape.py runs it over the production code).
Each is used by a framework or by the tests and scripts, not by another production module."""

# ruff: noqa
_ = object()
# Dash reads these attributes of the app; pydantic reads model_config; Dash components declare
# their properties for the renderer; the registry's fields are read by name.
_.index_string
_.renderer
model_config
available_properties
available_wildcard_properties
maintenance_fund
registration_fee
agency_fee
calendar_month
# expat's handlers and its option, openpyxl's cell and sheet attributes, fontTools' options,
# HTMLParser's callback, Flask's response attributes, Dash's cached JSON, flask_limiter's hook
_.buffer_text
_.StartDoctypeDeclHandler
_.EntityDeclHandler
_.ExternalEntityRefHandler
_.StartElementHandler
_.EndElementHandler
_.CharacterDataHandler
_.data_type
_.freeze_panes
_.number_format
_.flavor
_.layout_features
_.handle_starttag
_.public
_._cached_json
# used by tests and scripts: the pre-check sheet as rows, the layout check, the font subset's text
_.as_rows
unknown_types
drawable_text
# gunicorn.conf.py (not production code vulture reads) starts it in each worker
_.start_dispatcher
