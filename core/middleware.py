from django.http import HttpResponseBadRequest
from django.template import loader
from django.utils.cache import patch_cache_control


class RejectNullBytesMiddleware:
    """A NUL character has no business in a URL or a form; PostgreSQL refuses it in
    text. Such requests get a Vietnamese 400 before any view sees them."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path or any(
            "\x00" in key or any("\x00" in v for v in values) for key, values in request.GET.lists()
        ):
            return self.bad_request()
        if request.method == "POST" and request.content_type in {
            "application/x-www-form-urlencoded",
            "multipart/form-data",
        }:
            try:
                posted = request.POST.lists()
            except Exception:  # a malformed body: let Django's own handling answer
                posted = []
            if any("\x00" in key or any("\x00" in v for v in values) for key, values in posted):
                return self.bad_request()
        return self.get_response(request)

    @staticmethod
    def bad_request():
        return HttpResponseBadRequest(loader.get_template("400.html").render())


class PermissionsPolicyMiddleware:
    """No page of ours uses the camera, microphone, location or payment APIs."""

    POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", self.POLICY)
        return response


class PrivateWhenSignedInMiddleware:
    """Whatever a signed-in user is shown (previews of unpublished articles, staff
    reports, the admin, public pages with their staff links) is theirs alone: no shared
    cache (a proxy, a CDN) and no browser disk may keep it. Place after
    AuthenticationMiddleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            patch_cache_control(response, private=True, no_store=True)
        return response
