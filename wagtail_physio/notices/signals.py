"""Keeping front-end caches honest, and banners where editors put them.

The package's own cache needs nothing from here: every request reads which banners
show, and renderings are keyed by what they show (``notices/banners.py``).
Front-end caches are purged once the transaction commits (so a CDN cannot refetch
the old banner), for the sites the banner showed on before the change and shows on
after it, and only if it was or is live. Each receiver notes the state before the
change; one purge per banner per transaction compares it with the committed state.

A banner limited to sites stays limited: when its last site is deleted it is
switched off, instead of an empty site list turning it into an all-sites banner.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.db.models.signals import (
    m2m_changed,
    post_delete,
    post_save,
    pre_delete,
    pre_save,
)
from django.dispatch import receiver
from django.utils import timezone
from wagtail.models import Site

from ..locations.contact import ClinicContactSettings
from .banners import clear_notice_cache, purge_sites
from .models import NoticeBanner

logger = logging.getLogger("wagtail_physio")

ALL_SITES = None

#: (was or is live, the ids of its sites or ``ALL_SITES``) of one banner.
ShownOn = tuple[bool, "Iterable[int] | None"]


def _shown_on(banner: NoticeBanner | None) -> ShownOn:
    """(is live, site ids or ALL_SITES) for a banner as the database has it."""
    if banner is None or not banner.is_live():
        return (False, ())
    return (True, set(banner.sites.values_list("pk", flat=True)) or ALL_SITES)


class _PurgeOnCommit:
    """Purges the sites a banner showed on before and shows on after a change."""

    def __init__(self, banner_pk: int, before: ShownOn) -> None:
        self.banner_pk = banner_pk
        self.before = before
        self.done = False

    def __call__(self) -> None:
        self.done = True
        after = _shown_on(NoticeBanner.objects.filter(pk=self.banner_pk).first())
        shown = [sites for live, sites in (self.before, after) if live]
        if not shown:
            return
        if any(sites is ALL_SITES for sites in shown):
            purge_sites(ALL_SITES)
        else:
            # No ALL_SITES (None) is left here, which mypy cannot see through any().
            purge_sites(sorted(set().union(*shown)))  # type: ignore[arg-type]


def _banner_changed(banner_pk: int, before: ShownOn) -> None:
    connection = transaction.get_connection()
    # One purge per banner per transaction, from its state before the first
    # change. Callbacks of a rolled-back transaction leave this list, so a
    # pending one here is sure to run.
    for _sids, callback, _robust in connection.run_on_commit:
        if isinstance(callback, _PurgeOnCommit) and (
            callback.banner_pk == banner_pk and not callback.done
        ):
            return
    transaction.on_commit(_PurgeOnCommit(banner_pk, before))


@receiver(pre_save, sender=NoticeBanner)
def note_banner_before_save(
    sender: type[NoticeBanner], instance: NoticeBanner, raw: bool = False, **kwargs: Any
) -> None:
    previous = instance.pk and NoticeBanner.objects.filter(pk=instance.pk).first()
    # Noted on the instance for the post_save receiver.
    instance._physio_before = _shown_on(previous or None)


@receiver(post_save, sender=NoticeBanner)
def banner_saved(
    sender: type[NoticeBanner], instance: NoticeBanner, raw: bool = False, **kwargs: Any
) -> None:
    if not raw:
        _banner_changed(instance.pk, getattr(instance, "_physio_before", (False, ())))


@receiver(m2m_changed, sender=NoticeBanner.sites.through)
def banner_sites_changed(
    sender: type[Any], instance: Any, action: str, reverse: bool, **kwargs: Any
) -> None:
    if reverse:
        # Changed from the Site side: Wagtail looks after that site's pages.
        # (Deleting a site sends no m2m_changed; see site_deleted below.)
        return
    if action.startswith("pre_"):
        instance._physio_sites_before = _shown_on(instance)
    else:
        _banner_changed(
            instance.pk, getattr(instance, "_physio_sites_before", (False, ()))
        )


@receiver(pre_delete, sender=NoticeBanner)
def note_banner_before_delete(
    sender: type[NoticeBanner], instance: NoticeBanner, **kwargs: Any
) -> None:
    # Noted on the instance for the post_delete receiver.
    instance._physio_before = _shown_on(instance)


@receiver(post_delete, sender=NoticeBanner)
def banner_deleted(
    sender: type[NoticeBanner], instance: NoticeBanner, **kwargs: Any
) -> None:
    _banner_changed(instance.pk, getattr(instance, "_physio_before", (False, ())))


@receiver(post_save, sender=ClinicContactSettings)
def contact_settings_saved(
    sender: type[ClinicContactSettings],
    instance: ClinicContactSettings,
    raw: bool = False,
    **kwargs: Any,
) -> None:
    """A phone call to action without its own number shows the site's main one."""
    if raw:
        return
    uses_main_number = (
        NoticeBanner.objects.live()
        .for_site(instance.site)
        .filter(cta_type=NoticeBanner.CallToAction.PHONE, cta_phone="")
        .exists()
    )
    if uses_main_number:
        site_id = instance.site_id
        transaction.on_commit(lambda: purge_sites([site_id]))


@receiver(pre_delete, sender=Site)
def note_site_banners_before_delete(
    sender: type[Site], instance: Site, **kwargs: Any
) -> None:
    # Noted on the instance for the post_delete receiver: by then the rows
    # linking banners to this site are gone.
    instance._physio_banner_pks = list(
        NoticeBanner.sites.through.objects.filter(site=instance).values_list(
            "noticebanner_id", flat=True
        )
    )


@receiver(post_delete, sender=Site)
def site_deleted(sender: type[Site], instance: Site, **kwargs: Any) -> None:
    """Switch off the banners whose last site this was.

    An empty site list means "every site", so without this a notice meant for one
    clinic's site would start showing on all the others. Switched off, it stays in
    the admin (state "Off") for an editor to point at other sites or delete.
    Checked after the delete, so deleting several sites at once is handled too.
    """
    banner_pks = getattr(instance, "_physio_banner_pks", [])
    orphaned = list(
        NoticeBanner.objects.filter(
            pk__in=banner_pks, is_active=True, sites__isnull=True
        ).values_list("pk", flat=True)
    )
    if orphaned:
        # update(): it never showed anywhere else, so there is nothing to purge.
        NoticeBanner.objects.filter(pk__in=orphaned).update(
            is_active=False, updated_at=timezone.now()
        )
        logger.warning(
            "Switched off notice banner(s) %s: their last site, %s, was deleted.",
            ", ".join(str(pk) for pk in orphaned),
            instance,
        )
    clear_notice_cache([instance.pk])
