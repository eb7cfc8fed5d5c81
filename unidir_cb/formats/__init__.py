"""Date formats where Django's own leave a language writing dates two ways (settings.FORMAT_MODULE_PATH)."""
