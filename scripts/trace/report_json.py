"""The JSON report: the same content as the text and HTML reports (Comparison.to_json)."""
import json


def render(cmp):
    return json.dumps(cmp.to_json(), indent=1, ensure_ascii=False) + "\n"
