from django.conf import settings
from django.utils import translation


class ChineseFirstLocaleMiddleware:
    """Chinese unless the user chose English (the language cookie). Browsers on the intranet
    often send an English Accept-Language; that must not switch a Chinese office's UI."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.supported = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in self.supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response


class ServerTimingMiddleware:
    """Adds `Server-Timing: app;dur=…, db;desc="queries";dur=N` to every response, so load tests
    read the server-side time and the query count (on when RENDA_SERVER_TIMING is set)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        import time

        from django.db import connection

        queries = []

        def count(execute, sql, params, many, context):
            queries.append(1)
            return execute(sql, params, many, context)

        start = time.perf_counter()
        with connection.execute_wrapper(count):
            response = self.get_response(request)
        elapsed = (time.perf_counter() - start) * 1000
        response["Server-Timing"] = f'app;dur={elapsed:.1f}, db;desc="queries";dur={len(queries)}'
        return response
