"""`<picture>` markup for a processed image: WebP and original-format `srcset`s, the
intrinsic size (no layout shift), lazy loading below the fold."""

from __future__ import annotations

from html import escape

from .processing import ImageInfo

DEFAULT_SIZES = "(min-width: 50rem) 46rem, 100vw"


def picture_markup(
    url_folder: str,
    info: ImageInfo,
    alt: str,
    css_class: str = "",
    lazy: bool = True,
    sizes: str = DEFAULT_SIZES,
    display_width: int | None = None,
) -> str:
    """`url_folder` is the image's folder address ("/images/tin-tuc/2026/")."""
    largest = info.variants[-1]
    fallback = next((v for v in info.variants if v.width >= 640), largest)
    if display_width:
        fallback = next((v for v in info.variants if v.width >= display_width * 2), largest)
    webp = ", ".join(f"{url_folder}{v.webp} {v.width}w" for v in info.variants)
    original = ", ".join(f"{url_folder}{v.name} {v.width}w" for v in info.variants)
    width, height = (
        (display_width, round(largest.height * display_width / largest.width))
        if display_width
        else (largest.width, largest.height)
    )
    attributes = [
        f'src="{escape(url_folder + fallback.name)}"',
        f'srcset="{escape(original)}"',
        f'sizes="{escape(sizes)}"',
        f'width="{width}" height="{height}"',
        f'alt="{escape(alt)}"',
    ]
    if css_class:
        attributes.append(f'class="{escape(css_class)}"')
    attributes.append('loading="lazy" decoding="async"' if lazy else 'decoding="async"')
    return (
        f'<picture><source type="image/webp" srcset="{escape(webp)}" sizes="{escape(sizes)}">'
        f"<img {' '.join(attributes)}></picture>"
    )
