"""Read an HTML form back into POST data, the way a browser would submit it unchanged."""

from html.parser import HTMLParser


class _FormReader(HTMLParser):
    def __init__(self, form_id):
        super().__init__(convert_charrefs=True)
        self.form_id = form_id
        self.inside = False
        self.data: dict[str, list[str]] = {}
        self._select = None
        self._option = None
        self._textarea = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and a.get("id") == self.form_id:
            self.inside = True
        if not self.inside:
            return
        name = a.get("name")
        if tag == "input" and name:
            kind = a.get("type", "text")
            if kind in {"submit", "button", "file", "image", "reset"}:
                return
            if kind in {"checkbox", "radio"} and "checked" not in a:
                return
            default = "on" if kind in {"checkbox", "radio"} else ""
            self.data.setdefault(name, []).append(a.get("value") or default)
        elif tag == "select" and name:
            self._select = {"name": name, "first": None, "chosen": [], "multiple": "multiple" in a}
        elif tag == "option" and self._select is not None:
            self._option = a.get("value")
            if self._select["first"] is None:
                self._select["first"] = self._option
            if "selected" in a:
                self._select["chosen"].append(self._option or "")
        elif tag == "textarea" and name:
            self._textarea = name
            self.data.setdefault(name, []).append("")

    def handle_data(self, text):
        if self._textarea:
            self.data[self._textarea][-1] += text

    def handle_endtag(self, tag):
        if tag == "form" and self.inside:
            self.inside = False
        elif tag == "select" and self._select is not None:
            chosen = self._select["chosen"]
            if not chosen and not self._select["multiple"]:  # a browser sends the first one
                chosen = [self._select["first"] or ""]
            if chosen:  # a multiple select with nothing chosen sends nothing
                self.data.setdefault(self._select["name"], []).extend(chosen)
            self._select = None
        elif tag == "textarea":
            if self._textarea and self.data[self._textarea][-1].startswith("\n"):
                self.data[self._textarea][-1] = self.data[self._textarea][-1][1:]
            self._textarea = None


def form_data(html: str, form_id: str) -> dict:
    reader = _FormReader(form_id)
    reader.feed(html)
    return {k: v if len(v) > 1 else v[0] for k, v in reader.data.items()}
