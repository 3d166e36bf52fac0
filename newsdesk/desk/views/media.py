"""The media library: upload (checked, location stripped) and describe pictures."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from newsdesk.content import changes
from newsdesk.content.models import Image
from newsdesk.content.services import media, permissions
from newsdesk.desk.access import desk_view
from newsdesk.desk.forms import ImageDetailsForm, UploadForm


@desk_view
def library(request):
    form, status = UploadForm(), None
    if request.method == "POST":
        if not permissions.can_upload_media(request.user):
            raise PermissionDenied("You may not upload pictures.")
        form = UploadForm(request.POST, request.FILES)
        if form.is_valid():
            data = form.cleaned_data
            try:
                image = media.store_upload(
                    data["file"],
                    request.user,
                    alt_text=data["alt_text"],
                    caption=data["caption"],
                    credit=data["credit"],
                )
            except ValidationError as error:
                form.add_error("file", error)
            except media.MediaNotSaved as error:
                form.add_error("file", str(error))
                status = 507 if error.full else 503
            else:
                if request.POST.get("from_picker"):
                    return render(request, "desk/picker_items.html", {"images": [image]})
                messages.success(request, _("Uploaded “%(title)s”.") % {"title": image})
                return redirect("desk:media")
        if request.POST.get("from_picker"):
            errors = "; ".join(e for field in form.errors.values() for e in field)
            return HttpResponse(errors, status=status or 400, content_type="text/plain")
    images = Image.objects.all()[:60]
    return render(
        request,
        "desk/media.html",
        {"form": form, "images": images},
        status=status or (400 if form.errors else 200),
    )


@desk_view
def image_edit(request, pk):
    image = get_object_or_404(Image, pk=pk)
    if request.method == "POST" and not permissions.can_edit_image(request.user, image):
        raise PermissionDenied(_("You may not change this picture's details."))
    form = ImageDetailsForm(request.POST or None, instance=image)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            form.save()
            # Alt text, caption and credit show on the pages of the stories it illustrates.
            changes.names_changed(image, request.user)
        messages.success(request, _("Picture details saved."))
        return redirect("desk:media")
    return render(request, "desk/image_edit.html", {"form": form, "image": image})


PICKER_SIZE = 24


@desk_view
def picker(request):
    """The media picker's thumbnails: newest first, or those whose title, alt text, caption
    or credit contain the search text."""
    q = request.GET.get("q", "").strip()
    images = Image.objects.order_by("-pk")
    if q:
        images = images.filter(
            Q(title__icontains=q)
            | Q(alt_text__icontains=q)
            | Q(caption__icontains=q)
            | Q(credit__icontains=q)
        )
    return render(request, "desk/picker_items.html", {"images": images[:PICKER_SIZE], "q": q})
