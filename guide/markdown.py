"""Markdown written by staff, rendered to HTML and sanitised with nh3.

Rendering happens on read and is memoised per process, keyed by the source text,
so an edit shows on the next request and unchanged prose costs a dict lookup.
"""

from functools import lru_cache

import markdown as md
import nh3

ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "code", "dd", "del", "dl", "dt", "em", "h3",
    "h4", "h5", "h6", "hr", "i", "li", "ol", "p", "pre", "strong", "sub", "sup", "table",
    "tbody", "td", "th", "thead", "tr", "ul",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "th": {"scope"}, "td": set()}


TABLE_BOX = '<div class="table-scroll" role="region" aria-label="Table" tabindex="0"><table>'


@lru_cache(maxsize=4096)
def render(text: str) -> str:
    """Return safe HTML for Markdown `text`: raw HTML, scripts and event handlers are removed."""
    if not text:
        return ""
    html = md.markdown(text, extensions=["tables", "sane_lists"], output_format="html")
    clean = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
    )
    # A wide table scrolls inside its own box on a phone instead of widening the page. Added
    # after cleaning: the sanitiser has already removed any markup staff typed themselves.
    return clean.replace("<table>", TABLE_BOX).replace("</table>", "</table></div>")
