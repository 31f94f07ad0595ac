from django.contrib.auth.views import LoginView

from .forms import LoginForm


class ThrottledLoginView(LoginView):
    """Staff sign-in (/dang-nhap/): answers 429 while the account or address is locked."""

    authentication_form = LoginForm
    redirect_authenticated_user = True

    def form_invalid(self, form):
        response = super().form_invalid(form)
        if form.locked_for:
            response.status_code = 429
            response["Retry-After"] = str(form.locked_for)
        return response
