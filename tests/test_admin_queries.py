"""The page editor costs the same number of queries at 10 blocks and at 110, and
saving or previewing a page costs the same with 3 images and with 30."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.test.utils.form_data import rich_text

from tests.factories import (
    condition_page_form,
    edit_page_url,
    make_condition_page,
    make_image,
    make_long_condition_page,
)
from wagtail_physio.models import ConditionPage

pytestmark = pytest.mark.django_db


def edit_view_queries(client, page):
    url = edit_page_url(page)
    client.get(url)  # the first view makes the image thumbnails
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response.content.decode()


def test_edit_view_queries_do_not_grow_with_blocks(
    admin_client, condition_index, django_assert_num_queries
):
    short = make_long_condition_page(condition_index, "short", 1)
    long = make_long_condition_page(condition_index, "long", 10)
    assert len(long.body) >= 10 * len(short.body) >= 100

    budget, _ = edit_view_queries(admin_client, short)
    url = edit_page_url(long)
    admin_client.get(url)  # the first view makes the image thumbnails
    with django_assert_num_queries(budget):
        html = admin_client.get(url).content.decode()

    # Every chosen page and image is really in the form: its title for the page
    # chooser (which opens at the page's parent) and a thumbnail for each image.
    for n in range(10):
        assert f"long linked {n}" in html
        assert f"long image {n}" in html
    assert html.count("max-165x165") >= 10
    assert f'"parentId": {condition_index.pk}' in html or (
        f"&quot;parentId&quot;: {condition_index.pk}" in html
    )


def image_blocks(images):
    """A paragraph and a captioned image per image, as the admin posts them."""
    body = []
    for n, image in enumerate(images):
        body.append(("paragraph", rich_text(f"<p>Step {n} of the exercises.</p>")))
        body.append(
            (
                "image",
                {
                    "image": image.pk,
                    "decorative": False,
                    "alt_text": f"Exercise step {n}",
                    "caption": f"Step {n}",
                    "attribution": "",
                },
            )
        )
    return body


def page_with_images(condition_index, count):
    """A condition page and the edit form posting ``count`` captioned images."""
    slug = f"exercises-{count}"
    images = [make_image(f"{slug} image {n}") for n in range(count)]
    page = make_condition_page(condition_index, title=slug, slug=slug)
    form = condition_page_form(image_blocks(images), title=slug, slug=slug)
    return page, form


def image_queries(queries):
    return [q["sql"] for q in queries if "wagtailimages_image" in q["sql"]]


def save_queries(client, page, form):
    with CaptureQueriesContext(connection) as queries:
        response = client.post(edit_page_url(page), form)
    assert response.status_code == 302, response.content.decode()[:2000]
    return queries


def preview_queries(client, page, form):
    url = reverse("wagtailadmin_pages:preview_on_edit", args=[page.pk])
    with CaptureQueriesContext(connection) as queries:
        assert client.post(url, form).json()["is_valid"]
        response = client.get(url)
    assert response.status_code == 200
    return queries, response.content.decode()


def test_saving_30_images_costs_the_queries_of_3(
    admin_client, condition_index, django_assert_num_queries
):
    few_page, few_form = page_with_images(condition_index, 3)
    many_page, many_form = page_with_images(condition_index, 30)

    few = save_queries(admin_client, few_page, few_form)
    with django_assert_num_queries(len(few)):
        many = save_queries(admin_client, many_page, many_form)
    # Before, each image was looked up on its own, three times: 92 queries at 30.
    assert len(image_queries(many.captured_queries)) < 10
    assert len(image_queries(many.captured_queries)) == len(
        image_queries(few.captured_queries)
    )

    # Every image was saved, in order, with its alt text.
    saved = ConditionPage.objects.get(pk=many_page.pk).body
    chosen = [block.value for block in saved if block.block_type == "image"]
    assert [value["image"].title for value in chosen] == [
        f"exercises-30 image {n}" for n in range(30)
    ]
    assert chosen[29]["alt_text"] == "Exercise step 29"


def test_previewing_30_images_costs_the_queries_of_3(
    admin_client, condition_index, django_assert_num_queries
):
    few_page, few_form = page_with_images(condition_index, 3)
    many_page, many_form = page_with_images(condition_index, 30)
    # The first preview makes the images' renditions, as a first page view does.
    preview_queries(admin_client, few_page, few_form)
    preview_queries(admin_client, many_page, many_form)

    few, _ = preview_queries(admin_client, few_page, few_form)
    with django_assert_num_queries(len(few)):
        many, html = preview_queries(admin_client, many_page, many_form)
    assert len(image_queries(many.captured_queries)) == len(
        image_queries(few.captured_queries)
    )
    # The preview shows every image.
    assert html.count("<figure") >= 30
    assert 'alt="Exercise step 29"' in html


def test_a_form_choosing_a_deleted_or_bogus_image_is_refused(
    admin_client, condition_index
):
    page, form = page_with_images(condition_index, 2)
    image_field = next(key for key in form if key.endswith("-value-image"))
    form[image_field] = "not-an-id"
    response = admin_client.post(edit_page_url(page), form)
    assert response.status_code == 200  # the form again, with its error
    assert "The page could not be saved due to validation errors" in (
        response.content.decode()
    )
    assert len(ConditionPage.objects.get(pk=page.pk).body) == 0
