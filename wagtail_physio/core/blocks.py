"""Where block previews in the admin get the package stylesheet from."""

#: Wagtail's block preview page plus the package CSS; shadow it to add your own.
PREVIEW_TEMPLATE = "wagtail_physio/blocks/block_preview.html"
