from photos.renditions import crop_box, fallback_format, rendition_widths


def test_widths_are_never_wider_than_the_original():
    assert rendition_widths(4000) == [480, 960, 1600]
    assert rendition_widths(1200) == [480, 960, 1200]
    assert rendition_widths(300) == [300]


def test_a_crop_without_focal_point_is_centred():
    assert crop_box(400, 200, (1, 1)) == (100, 0, 300, 200)
    assert crop_box(1600, 1200, (16, 9)) == (0, 150, 1600, 1050)


def test_a_crop_follows_the_focal_point():
    assert crop_box(400, 200, (1, 1), 0.25, 0.5) == (0, 0, 200, 200)
    assert crop_box(1000, 200, (1, 1), 0.6, 0.5) == (500, 0, 700, 200)


def test_a_crop_near_an_edge_stays_inside_the_image():
    assert crop_box(400, 200, (1, 1), 0.95, 0.5) == (200, 0, 400, 200)
    assert crop_box(400, 200, (1, 1), 0.0, 0.0) == (0, 0, 200, 200)


def test_fallback_formats():
    assert fallback_format("JPEG", False) == "JPEG"
    assert fallback_format("PNG", True) == "PNG"
    assert fallback_format("GIF", False) == "PNG"
    assert fallback_format("WEBP", False) == "JPEG"
    assert fallback_format("WEBP", True) == "PNG"
