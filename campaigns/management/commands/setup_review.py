from django.core.management.base import BaseCommand

from campaigns.review import campaign_tree_root, review_setup


class Command(BaseCommand):
    help = "Create the Editors and Moderators groups and the review workflow."

    def handle(self, *args, **options):
        workflow = review_setup(site_root=campaign_tree_root())
        self.stdout.write(f"{workflow.name}: {workflow.tasks.count()}")
