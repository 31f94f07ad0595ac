from django.contrib.auth.views import LoginView

from .forms import LoginForm


def answer_lockout(response):
    """Both sign-in pages (/dang-nhap/ and the admin's): while the account or the address
    is locked (core.security.LoginThrottle), the page with the form's message answers
    429 with Retry-After."""
    context = getattr(response, "context_data", None) or {}
    locked_for = getattr(context.get("form"), "locked_for", 0)
    if locked_for:
        response.status_code = 429
        response["Retry-After"] = str(locked_for)
    return response


class ThrottledLoginView(LoginView):
    """Staff sign-in (/dang-nhap/)."""

    authentication_form = LoginForm
    redirect_authenticated_user = True

    def form_invalid(self, form):
        return answer_lockout(super().form_invalid(form))
