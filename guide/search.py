"""Search over every word of a published guide: ranked, highlighted, stemmed, typo-tolerant.

One plain-text document per career (`SearchDocument`: title; summary, category and skill
names; every other word of the guide, Markdown stripped) is rebuilt whenever any part of
that guide is saved or deleted (the receivers below, connected in guide/apps.py), and is
indexed the way each database does it best. The vendor switch is `_backend()`, the one
place that knows which database runs:

- PostgreSQL: a weighted tsvector (title A, keywords B, body C) with a GIN index, matched
  with `plainto_tsquery('english', ...)`, ranked with ts_rank, and typo candidates from
  the vocabulary by trigram similarity (pg_trgm, GIN index).
- SQLite: an FTS5 table with the porter stemmer, ranked with bm25(), and typo candidates
  from the vocabulary's words with the same first letter.

Snippets are cut from the document the same way on both (see SNIPPET_LENGTH).

The ranking rule (docs/search.md) is the same on both: a guide whose title holds every
word comes first, then one whose title, summary, category and skill names hold every
word between them, then one that has the words anywhere; within each tier by full-text
relevance (database's own score squashed into [0, 1)), then by title.
"""

import difflib
import html
import operator
import re
from collections.abc import Iterable
from contextlib import contextmanager
from contextvars import ContextVar
from functools import reduce

from django.contrib.postgres.search import (
    SearchQuery,
    SearchRank,
    SearchVector,
)
from django.db import connection
from django.db.models import (
    ExpressionWrapper,
    F,
    FloatField,
    Func,
    QuerySet,
    Value,
)
from django.db.models.functions import Greatest, Lower, StrIndex
from django.utils.html import escape, strip_tags
from django.utils.safestring import SafeString, mark_safe

from . import markdown
from .models import (
    FAQ,
    MAX_SEARCH_WORDS,
    Career,
    CareerLevel,
    CareerSkill,
    Category,
    EducationPath,
    ProCon,
    Responsibility,
    SearchDocument,
    SearchTerm,
    Section,
    Skill,
    Specialization,
    Step,
)

FTS_TABLE = "guide_search_fts"  # SQLite only; created by migration guide 0008
CONFIG = "english"  # PostgreSQL text search configuration (stemming and stop words)

# Snippets: for the page of results shown, the database cuts SNIPPET_LENGTH characters of
# the body around the first place a search word starts (a plain substring search, cheap
# however long the guide), and `highlight` escapes that text and marks the words in Python.
# Cutting in the database keeps the cost per result small and the same on both databases;
# the full-text engines' own highlighters (ts_headline, snippet()) re-read the whole guide
# for every result. Cutting only the page's passages keeps a search that matches a thousand
# guides from lowering a thousand bodies.
SNIPPET_LENGTH = 240
SNIPPET_LEAD = 90  # characters kept before the first match


# Typo correction: words shorter than this are never corrected; a correction must be at
# least this similar (difflib ratio, 0-1) to the typed word.
MIN_TYPO_LENGTH = 4
TYPO_CUTOFF = 0.75
TYPO_CANDIDATES = 20  # PostgreSQL: closest words by trigram similarity to compare
TYPO_SCAN_LIMIT = 5000  # SQLite: words with the same first letter looked at, at most

TERM_LENGTH = (3, 40)  # vocabulary words: at least 3 letters, at most SearchTerm.term's length

# English words too common to search for; PostgreSQL's 'english' configuration drops the
# same ones, so both databases treat a query alike.
_STOP_WORDS = """a about above after again against all am an and any are as at be because been
    before being below between both but by can did do does doing down during each few for
    from further had has have having he her here hers herself him himself his how i if in
    into is it its itself just me more most my myself no nor not now of off on once only or
    other our ours ourselves out over own same she should so some such than that the their
    theirs them themselves then there these they this those through to too under until up
    very was we were what when where which while who whom why will with you your yours
    yourself yourselves"""
STOP_WORDS = frozenset(_STOP_WORDS.split())

_WORD = re.compile(r"[^\W_]+")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_BLOCK_TAG = re.compile(r"</?(?:p|li|td|th|tr|h\d|br|dt|dd|blockquote|pre|hr)\b", re.I)

# Guide parts whose text is in the document; saving or deleting one reindexes its career.
INDEXED_PARTS = (
    Responsibility,
    CareerSkill,
    EducationPath,
    Step,
    CareerLevel,
    Section,
    Specialization,
    ProCon,
    FAQ,
)


# --- Building documents ----------------------------------------------------------------------


def plain(text: str) -> str:
    """Staff Markdown as the words a reader sees: rendered, sanitised, tags stripped."""
    rendered = _BLOCK_TAG.sub(lambda m: " " + m.group(0), markdown.render(text or ""))
    return _clean(html.unescape(strip_tags(rendered)))


def _clean(text: str) -> str:
    return " ".join(_CONTROL.sub(" ", text or "").split())


def _lines(*parts: str) -> str:
    return "\n".join(part for part in parts if part)


def document_text(career: Career) -> tuple[str, str, str]:
    """(title, keywords, body) of a career loaded with `_documents_queryset`."""
    skills = [cs.skill for cs in career.career_skills.all()]
    keywords = _lines(
        _clean(career.summary),
        _clean(career.category.name) if career.category else "",
        *(_clean(skill.name) for skill in skills),
    )
    body = _lines(
        plain(career.typical_education),
        _clean(career.top_industries),
        *(plain(item.text) for item in career.responsibilities.all()),
        *(
            _lines(plain(cs.detail), plain(cs.skill.description))
            for cs in career.career_skills.all()
        ),
        *(_lines(_clean(p.title), plain(p.description)) for p in career.education_paths.all()),
        *(_lines(_clean(s.title), plain(s.body)) for s in career.steps.all()),
        *(
            _lines(_clean(lvl.title), plain(lvl.scope), plain(lvl.focus_areas))
            for lvl in career.levels.all()
        ),
        *(_lines(_clean(s.title), plain(s.body)) for s in career.sections.all()),
        *(_lines(_clean(s.title), plain(s.body)) for s in career.specializations.all()),
        *(plain(item.text) for item in career.pros_cons.all()),
        *(_lines(_clean(f.question), plain(f.answer)) for f in career.faqs.all()),
    )
    return _clean(career.title), keywords, body


def _documents_queryset():
    return Career.objects.select_related("category").prefetch_related(
        "responsibilities",
        "career_skills__skill",
        "education_paths",
        "steps",
        "levels",
        "sections",
        "specializations",
        "pros_cons",
        "faqs",
    )


def vocabulary(*texts: str) -> set[str]:
    """The words typo correction may suggest: lower case, 3-40 letters, not only digits."""
    low, high = TERM_LENGTH
    return {
        word
        for text in texts
        for word in _WORD.findall(text.lower())
        if low <= len(word) <= high and not word.isdigit()
    }


# --- Keeping the index current ---------------------------------------------------------------

CHUNK = 100  # careers loaded and written per round when indexing many


def index_careers(career_ids: Iterable[int]) -> int:
    """Rebuild the search documents of these careers (a missing career loses its own)."""
    ids = sorted(set(career_ids))
    done = 0
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        documents = {
            career.pk: document_text(career)
            for career in _documents_queryset().filter(pk__in=chunk)
        }
        gone = [pk for pk in chunk if pk not in documents]
        if gone:
            SearchDocument.objects.filter(pk__in=gone).delete()
            _backend().drop(gone)
        words = set()
        for pk, (title, keywords, body) in documents.items():
            SearchDocument.objects.update_or_create(
                career_id=pk, defaults={"title": title, "keywords": keywords, "body": body}
            )
            words |= vocabulary(title, keywords, body)
        _backend().write(documents)
        SearchTerm.objects.bulk_create(
            [SearchTerm(term=word) for word in sorted(words)], ignore_conflicts=True
        )
        done += len(documents)
    return done


def clear() -> None:
    """Empty the index: documents, vocabulary and (SQLite) the FTS5 table."""
    SearchTerm.objects.all().delete()
    _backend().drop_all()
    SearchDocument.objects.all().delete()


def reindex_all() -> int:
    """Rebuild every document, and the vocabulary from scratch. Returns the careers indexed."""
    clear()
    return index_careers(Career.objects.values_list("pk", flat=True))


def index_missing() -> int:
    """Index the careers that have no document yet (a database from before search)."""
    return index_careers(
        Career.objects.filter(search_document__isnull=True).values_list("pk", flat=True)
    )


_pending: ContextVar[set[int] | None] = ContextVar("guide_search_pending", default=None)


@contextmanager
def batch():
    """Inside, edits only note which careers changed; each is reindexed once at the end.

    The loader uses it, so loading a guide of 200 parts indexes it once, not 200 times."""
    if _pending.get() is not None:  # already inside a batch: the outer one indexes
        yield
        return
    token = _pending.set(set())
    try:
        yield
        changed = _pending.get()
    finally:
        _pending.reset(token)
    index_careers(changed)


def _changed(career_ids: Iterable[int]) -> None:
    pending = _pending.get()
    if pending is None:
        index_careers(career_ids)
    else:
        pending.update(career_ids)


def _affected(instance) -> list[int]:
    """The careers whose document holds text of this row."""
    if isinstance(instance, Career):
        return [instance.pk]
    if isinstance(instance, INDEXED_PARTS):
        return [instance.career_id]
    if isinstance(instance, Skill):
        return list(CareerSkill.objects.filter(skill=instance).values_list("career_id", flat=True))
    if isinstance(instance, Category):
        return list(Career.objects.filter(category=instance).values_list("pk", flat=True))
    return []


def content_saved(sender, instance, raw=False, **kwargs) -> None:
    """post_save receiver for every guide model (guide/apps.py)."""
    if not raw:  # fixtures loaded with loaddata: run reindex_search afterwards
        _changed(_affected(instance))


def content_deleted(sender, instance, origin=None, **kwargs) -> None:
    """post_delete receiver for every guide model (guide/apps.py)."""
    if isinstance(instance, Career):
        _backend().drop([instance.pk])  # its SearchDocument goes by cascade
        return
    deleting_careers = isinstance(origin, Career) or (
        isinstance(origin, QuerySet) and origin.model is Career
    )
    if not deleting_careers:  # a part deleted with its career needs no reindex
        _changed(_affected(instance))


# --- Searching -------------------------------------------------------------------------------


def query_terms(words: Iterable[str]) -> list[str]:
    """The words a search looks for: lower case, split as the index splits text, stop
    words dropped, each once, at most MAX_SEARCH_WORDS ("a-b-c" is three)."""
    terms = []
    for word in words:
        for term in _WORD.findall(word.lower()):
            if term not in STOP_WORDS and term not in terms:
                terms.append(term)
    return terms[:MAX_SEARCH_WORDS]


def ranked(careers: QuerySet[Career], words: Iterable[str]) -> QuerySet[Career]:
    """`careers` that hold every word, best first, each annotated with `search_rank` (tier
    plus relevance, see the module docstring). Passages are cut afterwards, for the page
    shown only (`add_snippets`)."""
    terms = query_terms(words)
    if not terms:
        return careers.none()
    return _backend().ranked(careers, terms)  # ordered best first, then by title


def matching(careers: QuerySet[Career], words: Iterable[str]) -> QuerySet[Career]:
    """`careers` that hold every word, unranked and unordered: what a count needs. Counting
    `ranked` would make SQLite test the match once per career instead of reading the index
    once (199 ms against 1.4 ms at a thousand guides, docs/performance.md)."""
    terms = query_terms(words)
    if not terms:
        return careers.none()
    return _backend().matching(careers, terms)


def add_snippets(careers: list[Career], words: Iterable[str]) -> list[Career]:
    """Give each career (a page of search results) its highlighted `snippet`, in one query
    for the whole page, whatever the number of results behind it: the database cuts
    SNIPPET_LENGTH characters around the first place the first word starts."""
    terms = query_terms(words)
    if not careers or not terms:
        for career in careers:
            career.snippet = mark_safe("")
        return careers
    start = Greatest(StrIndex(Lower("body"), Value(match_prefix(terms[0]))) - SNIPPET_LEAD, 1)
    found = SearchDocument.objects.filter(career_id__in=[career.pk for career in careers])
    sql, params = found.annotate(at=start).values("career_id", "at", "body").query.sql_with_params()
    # Lower-casing a whole guide is the costly part (0.3 ms each on PostgreSQL): done once
    # per guide, where an ORM expression for the passage would repeat it. MATERIALIZED
    # (PostgreSQL 12+, SQLite 3.35+) keeps the planner from copying it into the outer query.
    with connection.cursor() as cursor:
        cursor.execute(
            f"WITH page AS MATERIALIZED ({sql}) SELECT career_id, at, substr(body, at, %s) FROM page",  # noqa: E501, S608 - the SQL is Django's own, the values parameters
            [*params, SNIPPET_LENGTH],
        )
        passages = {career_id: (at, passage) for career_id, at, passage in cursor.fetchall()}
    for career in careers:
        at, passage = passages.get(career.pk, (1, ""))
        career.snippet = snippet_html(passage, at, terms)
    return careers


# Endings dropped from a search word to find and mark its other forms in a passage, the
# longest that fits first; what is left must keep at least 4 letters.
_ENDINGS = ("ations", "ation", "ments", "ment", "ings", "ing", "ies", "es", "s", "ed", "ly")


def match_prefix(term: str) -> str:
    """The start of a word that its other forms share, near enough for finding and marking
    it in a passage: "engineering" -> "engineer" (also in "engineers"), "dynamodb" stays."""
    for ending in _ENDINGS:
        if term.endswith(ending) and len(term) - len(ending) >= 4:
            return term[: -len(ending)]
    return term


def _word_pattern(terms: Iterable[str]) -> re.Pattern | None:
    """Words starting like any of the terms (see match_prefix), longest prefix first."""
    prefixes = sorted({match_prefix(term) for term in terms}, key=len, reverse=True)
    if not prefixes:
        return None
    return re.compile(r"\b(?:" + "|".join(map(re.escape, prefixes)) + r")[^\W_]*", re.I)


def snippet_html(raw: str, at: int, terms: Iterable[str]) -> SafeString:
    """A passage cut from a search document at character `at` (1-based), highlighted: of the
    parts of the guide in it (an answer, a step, a section ...), the one with the most search
    words, cut to whole words."""
    raw = raw or ""
    word = _word_pattern(terms)
    lines = raw.split("\n")  # the document puts each part of the guide on its own line
    if word is None:
        return mark_safe("")
    # The part that holds the most of the different words; the first of equals.
    hits = [len({m.group(0).lower() for m in word.finditer(line)}) for line in lines]
    index = max(range(len(lines)), key=lambda i: (hits[i], -i))
    if not hits[index]:
        return mark_safe("")
    text = lines[index].strip()
    if index == 0 and at > 1:  # the part began before the passage
        text = "… " + text.split(" ", 1)[-1]
    if index == len(lines) - 1 and len(raw) >= SNIPPET_LENGTH:  # and goes on after it
        text = text.rsplit(" ", 1)[0] + " …"
    return highlight(text, terms)


def highlight(snippet: str | None, terms: Iterable[str]) -> SafeString:
    """A passage as safe HTML: its text escaped, each word starting like a search term in
    <mark>. Empty when no word matches (the search words were only in the title, summary or
    skills)."""
    text = " ".join((snippet or "").split())
    word = _word_pattern(terms)
    if not text or word is None or not word.search(text):
        return mark_safe("")
    parts, last = [], 0
    for found in word.finditer(text):
        parts.append(escape(text[last : found.start()]))
        parts.append(f"<mark>{escape(found.group(0))}</mark>")
        last = found.end()
    parts.append(escape(text[last:]))
    return mark_safe("".join(parts))  # noqa: S308 - every piece escaped above


def corrected(words: Iterable[str]) -> list[str] | None:
    """The words with each one that no guide holds replaced by the closest one a guide
    does hold, or None when nothing changes. Bounded: one query for the known words, then
    one per unknown word (at most MAX_SEARCH_WORDS)."""
    terms = query_terms(words)
    if not terms:
        return None
    known = set(SearchTerm.objects.filter(term__in=terms).values_list("term", flat=True))
    result, changed = [], False
    for term in terms:
        if term in known or len(term) < MIN_TYPO_LENGTH or term.isdigit():
            result.append(term)
            continue
        candidates = _backend().similar_terms(term)
        best = difflib.get_close_matches(term, candidates, n=1, cutoff=TYPO_CUTOFF)
        result.append(best[0] if best else term)
        changed = changed or bool(best)
    return result if changed else None


# --- The two databases -----------------------------------------------------------------------


class _TierMatch(Func):
    """1 when every word of the query is among the lexemes of these weights, else 0."""

    output_field = FloatField()

    def __init__(self, vector, query, weights: str):
        super().__init__(vector, query)
        self.weights = weights

    def as_sql(self, compiler, connection, **extra_context):
        vector_sql, vector_params = compiler.compile(self.source_expressions[0])
        query_sql, query_params = compiler.compile(self.source_expressions[1])
        sql = (
            f"(CASE WHEN ts_filter({vector_sql}, '{{{self.weights}}}') @@ ({query_sql}) "
            "THEN 1.0 ELSE 0.0 END)"
        )
        return sql, [*vector_params, *query_params]


class _Postgres:
    VECTOR = (
        SearchVector("title", weight="A", config=CONFIG)
        + SearchVector("keywords", weight="B", config=CONFIG)
        + SearchVector("body", weight="C", config=CONFIG)
    )

    HEAD = SearchVector("title", weight="A", config=CONFIG) + SearchVector(
        "keywords", weight="B", config=CONFIG
    )

    def write(self, documents: dict) -> None:
        SearchDocument.objects.filter(pk__in=list(documents)).update(
            vector=self.VECTOR, head=self.HEAD
        )

    def drop(self, career_ids) -> None:
        pass  # the vector lives on the document row

    def drop_all(self) -> None:
        pass

    @staticmethod
    def _query(terms):
        return SearchQuery(" ".join(terms), config=CONFIG, search_type="plain")

    def matching(self, careers, terms):
        return careers.filter(search_document__vector=self._query(terms))

    def ranked(self, careers, terms):
        query = self._query(terms)
        vector = F("search_document__vector")
        # Relevance is ranked against the words joined by OR: every result holds them all
        # anyway, and ts_rank of an AND query weighs the distance between every pair of
        # the words' positions: 95 ms for four words over a thousand guides, against 12 ms.
        any_word = reduce(
            operator.or_, (SearchQuery(term, config=CONFIG, search_type="plain") for term in terms)
        )
        # The tiers read the small head vector (title and keywords); testing them on the
        # whole guide's vector filtered by weight cost two more passes over every match.
        head = F("search_document__head")
        rank = (
            2 * _TierMatch(head, query, "a")
            + _TierMatch(head, query, "a,b")
            + SearchRank(vector, any_word, normalization=32)  # rank / (rank + 1), in [0, 1)
        )
        return (
            careers.filter(search_document__vector=query)
            .annotate(search_rank=ExpressionWrapper(rank, output_field=FloatField()))
            .order_by("-search_rank", "title")
        )

    def similar_terms(self, term: str) -> list[str]:
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT term FROM {SearchTerm._meta.db_table} WHERE term %% %s "  # noqa: S608 - values are parameters
                "ORDER BY similarity(term, %s) DESC, term LIMIT %s",
                [term, term, TYPO_CANDIDATES],
            )
            return [row[0] for row in cursor.fetchall()]


class _Sqlite:
    WEIGHTS = "10.0, 4.0, 1.0"  # bm25 column weights: title, keywords, body

    def write(self, documents: dict) -> None:
        self.drop(list(documents))
        with connection.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO {FTS_TABLE} (rowid, title, keywords, body) VALUES (%s, %s, %s, %s)",  # noqa: S608
                [(pk, *text) for pk, text in documents.items()],
            )

    def drop(self, career_ids) -> None:
        if career_ids:
            with connection.cursor() as cursor:
                marks = ", ".join(["%s"] * len(career_ids))
                cursor.execute(f"DELETE FROM {FTS_TABLE} WHERE rowid IN ({marks})", career_ids)  # noqa: S608

    def drop_all(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {FTS_TABLE}")  # noqa: S608

    @staticmethod
    def _match(terms) -> str:
        return " ".join(f'"{term}"' for term in terms)  # terms are letters and digits only

    def matching(self, careers, terms):
        # The index is read once, as a list of ids; joined instead, the planner may test the
        # match once per career.
        where = f"{Career._meta.db_table}.id IN (SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s)"  # noqa: E501, S608 - constants only
        return careers.extra(where=[where], params=[self._match(terms)])  # noqa: S610

    def ranked(self, careers, terms):
        match = self._match(terms)
        fts = FTS_TABLE
        career = Career._meta.db_table
        # Uncorrelated, so SQLite runs each tier's full-text query once, not once per row.
        tier = f"(CASE WHEN {career}.id IN (SELECT rowid FROM {fts} WHERE {fts} MATCH %s) THEN 1 ELSE 0 END)"  # noqa: E501, S608
        score = f"(-bm25({fts}, {self.WEIGHTS}))"  # bm25 is negative: better is lower
        # Only constants are formatted into the SQL; the words travel as parameters.
        found = careers.extra(  # noqa: S610
            tables=[fts],
            where=[f"{fts}.rowid = {career}.id", f"{fts} MATCH %s"],
            params=[match],
            select={"search_rank": f"(2 * {tier} + {tier} + {score} / (1.0 + {score}))"},
            select_params=[f"{{title}} : ({match})", f"{{title keywords}} : ({match})"],
        )
        return found.order_by("-search_rank", "title")

    def similar_terms(self, term: str) -> list[str]:
        first = term[0]
        low, high = len(term) - 2, len(term) + 2
        words = SearchTerm.objects.filter(term__gte=first, term__lt=chr(ord(first) + 1))
        return [
            word
            for word in words.values_list("term", flat=True)[:TYPO_SCAN_LIMIT]
            if low <= len(word) <= high
        ]


def _backend():
    """The one vendor switch: PostgreSQL's full-text search or SQLite's FTS5."""
    return _Postgres() if connection.vendor == "postgresql" else _Sqlite()
