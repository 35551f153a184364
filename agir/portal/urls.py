from agir.portal.home import urls as home_urls
from agir.portal.tracking import urls as tracking_urls
from agir.portal.wizard import urls as wizard_urls

app_name = "portal"

# The tenant's pages, one folder per concept: home and «Mes demandes» (home/), the guided entry
# (wizard/), one request's page, its actions, channels and sent messages (tracking/).
urlpatterns = [*home_urls.urlpatterns, *wizard_urls.urlpatterns, *tracking_urls.urlpatterns]
