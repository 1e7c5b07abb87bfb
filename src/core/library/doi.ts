// DOIs as every reader and the library compare them.

/** A DOI lower-cased without its resolver ("https://doi.org/", "doi:"); undefined if not a DOI. */
export function normalizeDoi(text: string): string | undefined {
  const s = text
    .trim()
    .replace(/^(?:https?:\/\/)?(?:dx\.)?doi\.org\//i, '')
    .replace(/^doi:\s*/i, '')
    .trim();
  return /^10\.\d{4,9}\/\S+$/.test(s) ? s.toLowerCase() : undefined;
}

/** The DOI of a doi.org link, for entries that give only a URL. */
export function doiFromUrl(url: string): string | undefined {
  return /^(?:https?:\/\/)?(?:dx\.)?doi\.org\//i.test(url) ? normalizeDoi(url) : undefined;
}
