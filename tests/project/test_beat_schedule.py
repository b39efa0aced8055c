"""Celery beat's schedule, kept in code: each entry names a task that a worker registers."""

from celery.schedules import crontab

from project.celery import app


def registered_tasks():
    # What a worker or beat process does on start: import every installed app's tasks module.
    app.loader.import_default_modules()
    return app.tasks


def test_action_reminders_run_daily_at_seven_london_time():
    entry = app.conf.beat_schedule["send-action-reminders"]

    assert entry["task"] == "partnerships.tasks.send_action_reminders"
    assert entry["schedule"] == crontab(hour=7, minute=0)
    assert str(app.conf.timezone) == "Europe/London"


def test_every_scheduled_task_is_registered():
    tasks = registered_tasks()

    for name, entry in app.conf.beat_schedule.items():
        assert entry["task"] in tasks, f"beat entry {name} names an unregistered task"
