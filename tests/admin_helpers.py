"""Driving the Django admin's forms as a browser would: read the form, change fields, post it."""
import html5lib

NS = "{http://www.w3.org/1999/xhtml}"


def form_data(html: str, form_id: str) -> dict:
    """The values a browser would submit for the form (submit buttons left out)."""
    doc = html5lib.parse(html)
    form = next(f for f in doc.iter(f"{NS}form") if f.get("id") == form_id)
    data = {}
    for node in form.iter():
        name = node.get("name")
        if not name:
            continue
        if node.tag == f"{NS}input":
            kind = node.get("type", "text")
            if kind in ("submit", "button", "image", "file") or (kind in ("checkbox", "radio") and node.get("checked") is None):
                continue
            data[name] = node.get("value", "on" if kind == "checkbox" else "")
        elif node.tag == f"{NS}textarea":
            data[name] = (node.text or "").removeprefix("\n")
        elif node.tag == f"{NS}select":
            chosen = [o.get("value", o.text) for o in node.iter(f"{NS}option") if o.get("selected") is not None]
            data[name] = chosen[0] if chosen else ""
    return data
