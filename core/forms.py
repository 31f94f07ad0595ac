from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import AuthenticationForm

from .security import LoginThrottle


class ThrottledLoginMixin:
    """Refuse sign-in while the account or the address is locked after too many
    failures; count each failure. Sets ``locked_for`` (seconds) when refusing."""

    locked_for = 0

    def clean(self):
        throttle = LoginThrottle(self.request, self.cleaned_data.get("username"))
        wait = throttle.locked()
        if wait:
            self.locked_for = wait
            raise forms.ValidationError(lockout_message(wait), code="locked")
        try:
            cleaned = super().clean()
        except forms.ValidationError:
            if throttle.failed():
                from .audit import record

                record(
                    "login_locked",
                    request=self.request,
                    username=self.cleaned_data.get("username", ""),
                    details={"reason": "too many failed sign-ins"},
                )
            raise
        throttle.succeeded()
        return cleaned


def lockout_message(seconds):
    minutes = max(1, round(seconds / 60))
    return (
        "Tài khoản này (từ địa chỉ truy cập này) hoặc địa chỉ này đã đăng nhập sai quá nhiều lần nên đang bị "
        f"tạm khóa. Vui lòng thử lại sau khoảng {minutes} phút, hoặc liên hệ quản trị viên."
    )


class LoginForm(ThrottledLoginMixin, AuthenticationForm):
    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": "Tên đăng nhập hoặc mật khẩu không đúng. Lưu ý: mật khẩu phân biệt chữ hoa, chữ thường.",
        "inactive": "Tài khoản này đã bị khóa.",
    }


class AdminLoginForm(ThrottledLoginMixin, AdminAuthenticationForm):
    error_messages = {
        **AdminAuthenticationForm.error_messages,
        "invalid_login": "Tên đăng nhập hoặc mật khẩu không đúng, hoặc tài khoản không có quyền quản trị.",
    }
