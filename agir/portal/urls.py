from agir.portal import tracking_urls, wizard_urls

app_name = "portal"

# The tenant's pages: home, «Mes demandes» and the guided entry (wizard_urls); one request's
# page, its actions, channels and sent messages (tracking_urls).
urlpatterns = [*wizard_urls.urlpatterns, *tracking_urls.urlpatterns]
