"""Catalog files must not repeat a key: YAML would silently keep only the last one."""

from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent


class StrictLoader(yaml.SafeLoader):
    pass


def _no_duplicates(loader, node, deep=False):
    keys = [loader.construct_object(k, deep=deep) for k, _ in node.value]
    odd = [k for k in keys if not isinstance(k, (str, int)) or isinstance(k, bool)]
    if odd:  # yes/no/on/off unquoted become booleans in YAML 1.1
        raise ValueError(f"non-text keys {odd} at line {node.start_mark.line + 1}")
    dupes = {k for k in keys if keys.count(k) > 1}
    if dupes:
        raise ValueError(f"duplicate keys {dupes} at line {node.start_mark.line + 1}")
    return loader.construct_mapping(node, deep)


StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _no_duplicates)


@pytest.mark.parametrize(
    "path",
    sorted((ROOT / "locales").glob("*.yaml")) + sorted((ROOT / "data").rglob("*.yaml")),
    ids=lambda p: p.name,
)
def test_no_duplicate_keys(path):
    """The strict loader raises on a repeated or non-text key; what it reads is a non-empty mapping."""
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=StrictLoader)
    assert isinstance(data, dict) and data
