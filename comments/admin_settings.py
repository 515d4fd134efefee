"""Admin for the discussion settings (editors). Imported by comments/admin.py."""
