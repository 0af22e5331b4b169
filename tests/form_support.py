"""What a browser sends back when a page's form is submitted: for tests of edit pages."""

from __future__ import annotations

from html.parser import HTMLParser
from typing import Any


class SentBack(HTMLParser):
    """The values a browser sends when the page's form is submitted untouched."""

    def __init__(self) -> None:
        super().__init__()
        self.data: dict[str, list[str]] = {}
        self.in_form = False
        self.select: str | None = None
        self.options: list[str] = []
        self.textarea: str | None = None
        self.text = ""

    def add(self, name: str, value: str) -> None:
        self.data.setdefault(name, []).append(value)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "form":
            self.in_form = "stacked" in (a.get("class") or "")
        if not self.in_form or not a.get("name") and tag != "option":
            return
        if tag == "input" and a["name"] != "csrfmiddlewaretoken":
            if a.get("type") not in ("checkbox", "radio") or "checked" in a:
                self.add(str(a["name"]), a.get("value") or "")
        elif tag == "select":
            self.select, self.options = a["name"], []
        elif tag == "option" and self.select:
            self.options.append(a.get("value") or "")
            if "selected" in a:
                self.add(self.select, a.get("value") or "")
        elif tag == "textarea":
            self.textarea, self.text = a["name"], ""

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self.in_form = False
        elif tag == "select" and self.select:
            if self.select not in self.data and self.options:
                self.add(self.select, self.options[0])
            self.select = None
        elif tag == "textarea" and self.textarea:
            self.add(self.textarea, self.text.removeprefix("\n"))
            self.textarea = None

    def handle_data(self, data: str) -> None:
        if self.textarea:
            self.text += data


def as_shown(response: Any) -> dict[str, Any]:
    """The form's fields as a browser sends them back when nothing is touched."""
    assert response.status_code == 200
    parser = SentBack()
    parser.feed(response.content.decode())
    return parser.data
