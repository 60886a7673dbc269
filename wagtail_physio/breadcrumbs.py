"""The breadcrumb trail of a page: its ancestors from its site's home page down."""

from wagtail.models import Site


def site_ancestors(page, request=None):
    """Ancestors of ``page`` from its site's root page down, in one query.

    Pages above the site root (the tree root, a folder holding several sites'
    home pages) have no address on the site, so they are left out; a page that
    belongs to no site has no trail.
    """
    url_parts = page.get_url_parts(request=request)
    if url_parts is None:
        return []
    site_id = url_parts[0]
    # Cached by Wagtail for every request, so this costs no query.
    root_paths = [
        root.root_path
        for root in Site.get_site_root_paths()
        if root.site_id == site_id and page.url_path.startswith(root.root_path)
    ]
    if not root_paths:
        return []
    root_path = max(root_paths, key=len)
    return list(page.get_ancestors().filter(url_path__startswith=root_path))
