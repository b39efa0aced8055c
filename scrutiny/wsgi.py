import os

from django.core.wsgi import get_wsgi_application

from common.frame_stack import RoomyStackApplication

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "scrutiny.settings")
application = RoomyStackApplication(get_wsgi_application())
