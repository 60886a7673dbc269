"""Requests and responses: what a page view gets and what a reader sees."""

from bs4 import BeautifulSoup
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext


def site_request(site, path="/"):
    """A GET request already matched to ``site``, as Wagtail's page serving does."""
    request = RequestFactory().get(path, HTTP_HOST=site.hostname)
    request._wagtail_site = site  # what Site.find_for_request caches
    return request


def page_html(client, url):
    """The HTML of a page that must answer 200; ``url`` may be a page."""
    response = client.get(getattr(url, "url", url))
    assert response.status_code == 200
    return response.content.decode()


def page_soup(client, url):
    return BeautifulSoup(page_html(client, url), "html.parser")


def soup(response):
    """A response that must answer 200, parsed."""
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def request_sql(client, url):
    """The SQL of one request for ``url`` (a URL or a page), which must answer 200."""
    with CaptureQueriesContext(connection) as queries:
        assert client.get(getattr(url, "url", url)).status_code == 200
    return [query["sql"] for query in queries.captured_queries]
