"""Signal receivers. Each feature module adds its own receivers here."""

# --- Notice banners -----------------------------------------------------------
# Any change clears the package's banner cache at once. Front-end caches are purged
# after the transaction commits (so a CDN cannot refetch the old banner), and only
# when the change could alter a page: the banner is, or was, live.

from django.db import transaction  # noqa: E402
from django.db.models.signals import (  # noqa: E402
    m2m_changed,
    post_delete,
    post_save,
    pre_delete,
    pre_save,
)
from django.dispatch import receiver  # noqa: E402

from .models import ClinicContactSettings, NoticeBanner  # noqa: E402
from .notice_banners import clear_notice_cache, purge_sites  # noqa: E402


def _banner_site_ids(banner):
    """The sites a banner shows on, or None for every site."""
    return list(banner.sites.values_list("pk", flat=True)) or None


def _after_commit(site_ids):
    clear_notice_cache()

    def purge():
        # Cleared again: a request during the transaction may have cached the
        # old banners before the change became visible.
        clear_notice_cache()
        purge_sites(site_ids)

    transaction.on_commit(purge)


@receiver(pre_save, sender=NoticeBanner)
def remember_banner_was_live(sender, instance, raw=False, **kwargs):
    previous = (
        NoticeBanner.objects.filter(pk=instance.pk).first() if instance.pk else None
    )
    instance._physio_was_live = bool(previous and previous.is_live())


@receiver(post_save, sender=NoticeBanner)
def banner_saved(sender, instance, raw=False, **kwargs):
    if raw:
        return
    if getattr(instance, "_physio_was_live", False) or instance.is_live():
        _after_commit(_banner_site_ids(instance))
    else:
        clear_notice_cache()


@receiver(m2m_changed, sender=NoticeBanner.sites.through)
def banner_sites_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if reverse or action not in {"post_add", "post_remove", "post_clear"}:
        # Changes made from the Site side come with a deleted or edited site,
        # whose own pages Wagtail purges; just drop the cached lists.
        if reverse and action.startswith("post_"):
            clear_notice_cache()
        return
    if not instance.is_live():
        clear_notice_cache()
        return
    now_on = set(instance.sites.values_list("pk", flat=True))
    if action == "post_add":
        # Before the add it showed on the rest, or on every site if none.
        before = now_on - set(pk_set or ())
        _after_commit(sorted(now_on) if before else None)
    elif action == "post_remove" and now_on:
        _after_commit(sorted(now_on | set(pk_set or ())))
    else:
        # No sites left: the banner now shows everywhere.
        _after_commit(None)


@receiver(pre_delete, sender=NoticeBanner)
def remember_banner_sites(sender, instance, **kwargs):
    instance._physio_deleted_from = _banner_site_ids(instance)


@receiver(post_delete, sender=NoticeBanner)
def banner_deleted(sender, instance, **kwargs):
    if instance.is_live():
        _after_commit(getattr(instance, "_physio_deleted_from", None))
    else:
        clear_notice_cache()


@receiver(post_save, sender=ClinicContactSettings)
def contact_settings_saved(sender, instance, raw=False, **kwargs):
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
        _after_commit([instance.site_id])
    else:
        clear_notice_cache([instance.site_id])
