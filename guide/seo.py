"""What search engines and link previews read about a guide: schema.org JSON-LD.

`guide_structured_data` describes one guide as a schema.org `Occupation` (with its
official pay when the career has a primary occupation and a release is imported), its
`BreadcrumbList` and its `FAQPage`. It works on the loaded guide alone, so the result is
cached with the page; addresses in it are paths until `absolute` makes them whole for
the request's host. See docs/seo.md.
"""

import html
import json
from collections.abc import Callable

from django.urls import reverse
from django.utils.html import strip_tags

from . import markdown

SOC_CODE_SET = "2018 Standard Occupational Classification"
URL_KEYS = ("@id", "url", "item", "mainEntityOfPage")
# What json_script escapes: nothing in the data can close the <script> element.
_JSON_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def plain(text: str) -> str:
    """Markdown as the plain text it reads as."""
    return " ".join(html.unescape(strip_tags(markdown.render(text or ""))).split())


def _estimated_salary(pay) -> dict | None:
    """The national annual wages of the career's primary occupation, as schema.org has them."""
    national = pay.summary.national
    if national is None or national.median.value is None:
        return None
    wages = {
        "percentile10": national.p10.value,
        "percentile25": national.p25.value,
        "median": national.median.value,
        "percentile75": national.p75.value,
        "percentile90": national.p90.value,
    }
    citation = pay.citation
    return {
        "@type": "MonetaryAmountDistribution",
        "name": "Annual wages, all industries, United States",
        "currency": "USD",
        "duration": "P1Y",
        **{key: value for key, value in wages.items() if value is not None},
        "description": (
            f"{citation.source}, {citation.release_name} (published "
            f"{citation.published.isoformat()}), for {citation.occupation_code} "
            f"{citation.occupation_title}."
        ),
    }


def guide_structured_data(page, *, occupation_link=None) -> dict:
    """One guide as a JSON-LD graph: Occupation, BreadcrumbList and (with FAQ) FAQPage."""
    career = page.career
    url = career.get_absolute_url()
    skills = page.technical_skills + page.soft_skills
    occupation = {
        "@type": "Occupation",
        "@id": f"{url}#occupation",
        "name": career.title,
        "description": plain(career.summary),
        "url": url,
        "mainEntityOfPage": url,
        "occupationLocation": {"@type": "Country", "name": "United States"},
    }
    if skills:
        occupation["skills"] = ", ".join(cs.skill.name for cs in skills)
    responsibilities = [plain(item.text) for item in career.responsibilities.all()]
    if responsibilities:
        occupation["responsibilities"] = responsibilities
    if career.typical_education:
        occupation["educationRequirements"] = plain(career.typical_education)
    if occupation_link is not None:
        occupation["occupationalCategory"] = {
            "@type": "CategoryCode",
            "codeValue": occupation_link.occupation.code,
            "name": occupation_link.occupation.title,
            "inCodeSet": {"@type": "CategoryCodeSet", "name": SOC_CODE_SET},
        }
    salary = _estimated_salary(page.pay) if page.pay is not None else None
    if salary:
        occupation["estimatedSalary"] = [salary]
    if career.last_reviewed:
        occupation["dateModified"] = career.last_reviewed.isoformat()

    crumbs = [("Home", reverse("home")), ("Careers", reverse("guide:career-list"))]
    crumbs.append((career.title, url))
    breadcrumbs = {
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": position, "name": name, "item": link}
            for position, (name, link) in enumerate(crumbs, start=1)
        ],
    }
    graph = [occupation, breadcrumbs]
    faqs = list(career.faqs.all())
    if faqs:
        graph.append(
            {
                "@type": "FAQPage",
                "@id": f"{url}#faq",
                "mainEntity": [
                    {
                        "@type": "Question",
                        "name": faq.question,
                        "acceptedAnswer": {"@type": "Answer", "text": plain(faq.answer)},
                    }
                    for faq in faqs
                ],
            }
        )
    return {"@context": "https://schema.org", "@graph": graph}


def absolute(data, make_absolute: Callable[[str], str]):
    """A copy of `data` whose addresses (paths that start with "/") are made whole."""
    if isinstance(data, dict):
        return {
            key: make_absolute(value)
            if key in URL_KEYS and isinstance(value, str) and value.startswith("/")
            else absolute(value, make_absolute)
            for key, value in data.items()
        }
    if isinstance(data, list):
        return [absolute(item, make_absolute) for item in data]
    return data


def json_ld(data) -> str:
    """JSON for a <script type="application/ld+json"> element, safe inside HTML."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).translate(_JSON_ESCAPES)
