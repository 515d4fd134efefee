"""The desk on the admin home: each person's work waiting for them (drafts, review, schedule,
comments), drawn from the content apps' querysets. It owns no models."""
