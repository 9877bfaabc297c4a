import re
from html import escape

from django import template
from django.utils.safestring import mark_safe

from guide import markdown
from guide.models import MAX_SEARCH_WORDS

register = template.Library()


@register.filter(name="markdown")
def markdown_filter(text):
    """Render staff-written Markdown as sanitised HTML."""
    return mark_safe(markdown.render(text or ""))  # noqa: S308 - sanitised by nh3


@register.filter
def whole_sentences(text, limit=240):
    """As many whole sentences as fit in `limit` characters (at least the first one), so a
    card's summary never stops mid-sentence."""
    text = " ".join((text or "").split())
    kept = []
    for sentence in re.split(r"(?<=[.!?])\s+", text):
        if kept and len(" ".join([*kept, sentence])) > int(limit):
            break
        kept.append(sentence)
    return " ".join(kept)


@register.filter
def usd(value):
    """Whole US dollars: 110000 -> "$110,000"; None -> an em dash."""
    if value in (None, ""):
        return "—"
    return f"${int(value):,}"


@register.filter
def usd_short(value):
    """Compact US dollars: 350000 -> "$350k"."""
    if value in (None, ""):
        return "—"
    value = int(value)
    if value >= 1000:
        thousands = f"{value / 1000:,.1f}".removesuffix(".0")
        return f"${thousands}k"
    return f"${value}"


@register.simple_tag
def max_search_words():
    """How many words of a search count, for the hint under every search box."""
    return MAX_SEARCH_WORDS


@register.simple_tag
def area_options(choices, selected=""):
    """The <optgroup>s and <option>s of the "pay where you live" picker, the chosen one
    selected. Built with the standard library's escape: an occupation has several hundred
    areas, the picker is rendered per request whenever the query names one, and
    `format_html` per option took ten times as long."""
    parts = []
    for label, options in choices:
        parts.append(f'<optgroup label="{escape(label)}">')
        for code, name in options:
            chosen = " selected" if code == selected else ""
            parts.append(f'<option value="{escape(code)}"{chosen}>{escape(name)}</option>')
        parts.append("</optgroup>")
    return mark_safe("".join(parts))  # noqa: S308 - every value escaped above


@register.simple_tag(takes_context=True)
def page_query(context, number):
    """This page's query string with `page` set to `number` (the search words and the
    category kept), for the links between pages of a list."""
    query = context["request"].GET.copy()
    query["page"] = number
    return query.urlencode()
