"""Public views of wagtail-physio (admin views live in ``wagtail_physio.admin``)."""
