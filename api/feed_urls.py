app_name = "jsonfeeds"

urlpatterns = []
