from django.apps import AppConfig


class ProvincesConfig(AppConfig):
    name = "provinces"
    verbose_name = "Đơn vị và ban tuyên giáo"
