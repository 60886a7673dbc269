"""Signal receivers. Each feature module adds its own receivers here."""
