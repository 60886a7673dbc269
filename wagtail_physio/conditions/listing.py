"""The conditions index: A–Z groups, category filter, search and pagination.

Everything is driven by GET parameters (``q``, ``category``, ``page``) and plain
links, so it works without JavaScript. The number of queries does not grow with
the number of conditions: titles are read in one query (after one for the ids
a search matches), only the conditions on the current page are loaded, and their
categories are prefetched. Titles are filed and sorted by the alphabet of the index's
language (``alphabets.py``).
"""

from __future__ import annotations

import itertools
import re
from collections import defaultdict
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

from django.core.paginator import Paginator
from django.db.models import Q, QuerySet, prefetch_related_objects
from django.utils.functional import cached_property
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from ..core.conf import physio_settings
from ..core.pages import get_page_model, models_owning_field
from ..core.translations import translation_enabled
from .alphabets import (
    LATIN_LETTERS,
    OTHER_GROUP,
    Alphabet,
    alphabet_for_language,
    alphabet_of,
)
from .categories import ConditionCategory, show_page_categories_in
from .navigation import ConditionFindingMixin

if TYPE_CHECKING:
    from django.core.paginator import Page as PaginatorPage
    from django.http import HttpRequest
    from wagtail.models import Page
    from wagtail.query import PageQuerySet

    from .models import ConditionIndexPageMixin

__all__ = ["OTHER_GROUP", "ConditionListing", "index_letter", "letter_anchor"]

#: (pk, title) of one matching condition.
Row = tuple[int, str]

MAX_QUERY_LENGTH = 200


def index_letter(title: str | None, alphabet: Alphabet | None = None) -> str:
    """The A–Z group of a title: its first letter in ``alphabet`` (English A–Z by
    default), accents folded away, else ``OTHER_GROUP``."""
    return (alphabet or alphabet_of(LATIN_LETTERS)).letter_of(title)


def letter_anchor(letter: str) -> str:
    return "letter-0-9" if letter == OTHER_GROUP else f"letter-{letter.lower()}"


def search_terms(text: str) -> str:
    """The words of a visitor's search, without the punctuation search backends
    give a meaning of their own (an unbalanced quote is a syntax error in SQLite's
    full-text search) or control characters databases refuse."""
    return " ".join(re.sub(r"[^\w\s]|_", " ", text[:MAX_QUERY_LENGTH]).split())


@runtime_checkable
class QuerySetSearchResults(Protocol):
    """Search results built from one database query: those of Wagtail's database
    backends (``wagtail.search.backends.database``) on every database."""

    def get_queryset(self) -> QuerySet[Any]: ...


class ConditionListing:
    """What the conditions index shows for one request."""

    def __init__(
        self,
        index_page: ConditionIndexPageMixin,
        request: HttpRequest,
        *,
        per_page: int | None = None,
    ) -> None:
        self.index_page = index_page
        self.request = request
        self.per_page: int = per_page or physio_settings.CONDITIONS_PER_PAGE
        self.search_query = search_terms(request.GET.get("q", ""))
        self.category_slug = request.GET.get("category", "").strip()

    # Models and categories -------------------------------------------------

    @cached_property
    def category_models(self) -> list[type[Page]]:
        """Concrete page types holding a ``categories`` field."""
        return models_owning_field(ConditionFindingMixin, "categories")

    @cached_property
    def categories(self) -> list[ConditionCategory]:
        """Categories with at least one condition listed by this index, in the
        reader's language."""
        if not self.category_models:
            return []
        listed = self.index_page.get_conditions().values("pk")
        used = Q()
        for model in self.category_models:
            query_name = model._meta.get_field("categories").related_query_name()
            used |= Q(**{f"{query_name}__in": listed})
        return ConditionCategory.shown_in_reader_language(
            ConditionCategory.objects.filter(used).distinct()
        )

    @cached_property
    def active_category(self) -> ConditionCategory | None:
        for category in self.categories:
            if category.slug == self.category_slug:
                return category
        return None

    @property
    def is_filtered(self) -> bool:
        return bool(self.search_query or self.category_slug)

    # Results ----------------------------------------------------------------

    def get_queryset(self) -> PageQuerySet:
        conditions = self.index_page.get_conditions()
        if self.category_slug:
            if self.active_category is None:
                return conditions.none()
            in_category = Q()
            # Any language's version of the category: a page may hold either.
            key = self.active_category.translation_key
            for model in self.category_models:
                in_category |= Q(
                    pk__in=model.objects.filter(categories__translation_key=key).values(
                        "pk"
                    )
                )
            conditions = conditions.filter(in_category)
        if self.search_query:
            conditions = conditions.filter(pk__in=self.search_matches())
        return conditions

    def search_matches(self) -> list[int]:
        """Pks of the pages below this index that match the search.

        With Wagtail's database backends the search's own query gives just the
        ids, so however many pages match none is loaded: ``rows`` reads the titles
        of the conditions among them, and whole pages are loaded only for the
        page of results shown. Other backends (Elasticsearch, OpenSearch) answer
        with pages; those are loaded with their pk alone.
        """
        matches = (
            get_page_model()
            .objects.live()
            .descendant_of(self.index_page)
            .only("pk")
            .search(self.search_query, operator="and", order_by_relevance=False)
        )
        if isinstance(matches, QuerySetSearchResults):
            # A list, not a subquery of the titles query: PostgreSQL can plan that
            # subquery as a nested loop when its statistics are behind, as after
            # an import (a minute, not 30 ms, for 2,000 matches just added).
            return list(matches.get_queryset().values_list("pk", flat=True))
        return [page.pk for page in matches]

    # A–Z ---------------------------------------------------------------------

    @cached_property
    def language_code(self) -> str | None:
        """The language the index is written in: its locale's when Wagtail's
        internationalisation is on, else the language of the request."""
        if translation_enabled():
            # The mixin is always mixed into a Page, which has a locale.
            locale = self.index_page.locale  # type: ignore[attr-defined]
            return str(locale.language_code)
        return get_language()

    @cached_property
    def alphabet(self) -> Alphabet:
        """The letters conditions are filed under (``WAGTAIL_PHYSIO["ALPHABETS"]``)."""
        return alphabet_for_language(self.language_code)

    def letter_of(self, title: str) -> str:
        return self.alphabet.letter_of(title)

    @cached_property
    def rows(self) -> list[Row]:
        """(pk, title) of every matching condition, in A–Z order."""
        file = self.alphabet.file
        return sorted(
            self.get_queryset().values_list("pk", "title"),
            key=lambda row: (file(row[1]).key, row[0]),
        )

    @cached_property
    def paginator(self) -> Paginator[Row]:
        return Paginator(self.rows, self.per_page)

    @cached_property
    def page_obj(self) -> PaginatorPage[Row]:
        return self.paginator.get_page(self.request.GET.get("page"))

    @cached_property
    def conditions(self) -> list[Page]:
        """Specific condition pages on the current page, categories prefetched."""
        pks = [pk for pk, _title in self.page_obj.object_list]
        if not pks:
            return []
        # The list shows titles, summaries and categories: loading and decoding
        # every page's body and related conditions JSON cost more than the rest.
        listed = (
            self.index_page.get_conditions()
            .filter(pk__in=pks)
            .defer_streamfields()
            .specific()
        )
        by_pk = {page.pk: page for page in listed}
        pages = [by_pk[pk] for pk in pks if pk in by_pk]
        by_class: defaultdict[type[Page], list[Page]] = defaultdict(list)
        for page in pages:
            if any(isinstance(page, model) for model in self.category_models):
                by_class[type(page)].append(page)
        for same_type in by_class.values():
            prefetch_related_objects(same_type, "categories")
            show_page_categories_in(same_type, self.categories)
        return pages

    @cached_property
    def groups(self) -> list[tuple[str, str, list[Page]]]:
        """[(letter, anchor, [pages])] for the current page."""
        return [
            (letter, letter_anchor(letter), list(pages))
            for letter, pages in itertools.groupby(
                self.conditions, key=lambda page: self.letter_of(page.title)
            )
        ]

    # Links ------------------------------------------------------------------

    def url_with(self, **changes: Any) -> str:
        """This index's query string with ``changes`` applied (None removes a key)."""
        params = self.request.GET.copy()
        for key, value in changes.items():
            if value in (None, ""):
                params.pop(key, None)
            else:
                params[key] = value
        encoded = params.urlencode()
        return f"?{encoded}" if encoded else "?"

    @cached_property
    def letter_nav(self) -> list[dict[str, str | None]]:
        """A–Z entries; ``href`` is None for letters with no matching condition.

        The letters are the index language's alphabet's (Welsh has "Ll" and no
        "K"). A letter listed on another page of results links to that page.
        """
        first_page: dict[str, int] = {}
        for position, row in enumerate(self.rows):
            letter = self.letter_of(row[1])
            first_page.setdefault(letter, position // self.per_page + 1)
        letters = self.alphabet.navigation_letters(first_page)
        current = self.page_obj.number
        nav: list[dict[str, str | None]] = []
        for letter in letters:
            anchor = letter_anchor(letter)
            page_number = first_page.get(letter)
            if page_number is None:
                href = None
            elif page_number == current:
                href = f"#{anchor}"
            else:
                href = f"{self.url_with(page=page_number)}#{anchor}"
            nav.append({"letter": letter, "href": href})
        return nav

    @cached_property
    def category_links(self) -> list[dict[str, Any]]:
        links: list[dict[str, Any]] = [
            {
                "label": _("All conditions"),
                "href": self.url_with(category=None, page=None),
                "current": not self.category_slug,
            }
        ]
        for category in self.categories:
            links.append(
                {
                    "label": category.name,
                    "href": self.url_with(category=category.slug, page=None),
                    "current": category.slug == self.category_slug,
                }
            )
        return links

    @cached_property
    def page_links(self) -> list[dict[str, Any] | None]:
        """Numbered links for the pagination nav; None stands for a gap."""
        if self.paginator.num_pages < 2:
            return []
        links: list[dict[str, Any] | None] = []
        for number in self.paginator.get_elided_page_range(
            self.page_obj.number, on_each_side=2, on_ends=1
        ):
            # django-stubs leaves the lazy ELLIPSIS out of the items' type.
            if number == Paginator.ELLIPSIS:  # type: ignore[comparison-overlap]
                links.append(None)
            else:
                links.append(
                    {
                        "number": number,
                        "href": self.url_with(page=number),
                        "current": number == self.page_obj.number,
                    }
                )
        return links

    def get_context(self) -> dict[str, Any]:
        page_obj = self.page_obj
        return {
            "conditions": self.conditions,
            "condition_groups": self.groups,
            "letter_nav": self.letter_nav,
            "category_links": self.category_links if self.categories else [],
            "active_category": self.active_category,
            "category_slug": self.category_slug,
            "search_query": self.search_query,
            "is_filtered": self.is_filtered,
            "result_count": self.paginator.count,
            "page_obj": page_obj,
            "page_links": self.page_links,
            "previous_page_url": (
                self.url_with(page=page_obj.previous_page_number())
                if page_obj.has_previous()
                else None
            ),
            "next_page_url": (
                self.url_with(page=page_obj.next_page_number())
                if page_obj.has_next()
                else None
            ),
            "clear_filters_url": self.url_with(q=None, category=None, page=None),
        }
