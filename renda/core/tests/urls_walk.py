"""Every named URL pattern of the project, found by walking the resolver."""

from django.urls import URLPattern, URLResolver, get_resolver

# Namespaces left out of the matrix, with the reason.
EXCLUDED_NAMESPACES = {
    # Django's admin is for installation only (the superuser); its own permission system
    # (is_staff) guards it and it is not part of the application's pages.
    "admin": "Django admin: installation-only, guarded by Django's is_staff",
}


def walk(patterns=None, namespace: str = "", prefix: str = "") -> list[tuple[str, str]]:
    """(qualified name, route) of every pattern; unnamed ones as "<unnamed> route"."""
    if patterns is None:
        patterns = get_resolver().url_patterns
    found = []
    for p in patterns:
        route = prefix + str(p.pattern)
        if isinstance(p, URLResolver):
            ns = p.namespace
            full = f"{namespace}:{ns}" if namespace and ns else (ns or namespace)
            if full in EXCLUDED_NAMESPACES:
                continue
            found += walk(p.url_patterns, full, route)
        elif isinstance(p, URLPattern):
            name = f"{namespace}:{p.name}" if namespace and p.name else p.name
            found.append((name or f"<unnamed> {route}", route))
    return found
