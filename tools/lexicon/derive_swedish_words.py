#!/usr/bin/env python3
"""Derives the Swedish word list the identifier check uses to tell ordinary words from names
(src/Reporting/Features/Identifiers/Lists/swedish-words.txt.gz and swedish-places.txt).

Source: the Swedish hunspell dictionary (Göran Andersson, LGPL-3; Debian package hunspell-sv,
1:7.5.0-1, files /usr/share/hunspell/sv_SE.dic and sv_SE.aff). Get it without installing:
    apt-get download hunspell-sv && dpkg -x hunspell-sv_*.deb /tmp/hsv
then run:
    python3 tools/lexicon/derive_swedish_words.py /tmp/hsv/usr/share/hunspell

What is derived:
- swedish-words.txt.gz: every lower-case entry with the word forms its suffix rules give (hunspell's
  SFX rules applied once; compounds are not expanded, the recogniser splits them), one per line,
  sorted. Capitalised entries are left out: they hold first names and surnames as well as places.
- swedish-places.txt: capitalised entries that may begin a compound (flag X: places, countries,
  brands, organisations, "Farsta", "Somalia", "Adidas"), minus the project's own name lists, so a
  capitalised word that is one of them is not taken for an unknown person from its context.
The derived files are under the dictionary's licence, LGPL-3 (see Lists/LICENSE-swedish-words.md).
"""
import gzip, os, re, sys

def parse_aff(path):
    rules = {}
    with open(path, encoding='utf-8') as f:
        lines = [l.rstrip('\n') for l in f]
    i = 0
    while i < len(lines):
        parts = lines[i].split()
        if len(parts) == 4 and parts[0] == 'SFX' and parts[2] in ('Y', 'N') and parts[3].isdigit():
            flag, count = parts[1], int(parts[3])
            block = []
            for line in lines[i + 1:i + 1 + count]:
                p = line.split()
                strip = '' if p[2] == '0' else p[2]
                add = p[3].split('/')[0]
                add = '' if add == '0' else add
                cond = p[4] if len(p) > 4 else '.'
                block.append((strip, add, re.compile('(' + cond + ')$')))
            rules[flag] = block
            i += count + 1
        else:
            i += 1
    return rules

def forms(stem, flags, rules):
    yield stem
    for flag in flags:
        for strip, add, cond in rules.get(flag, ()):
            if cond.search(stem) and stem.endswith(strip):
                yield stem[:len(stem) - len(strip)] + add

def main(folder):
    here = os.path.dirname(os.path.abspath(__file__))
    lists = os.path.join(here, '..', '..', 'src', 'Reporting', 'Features', 'Identifiers', 'Lists')
    rules = parse_aff(os.path.join(folder, 'sv_SE.aff'))
    names = set()
    for name in ('first-names.txt', 'surnames.txt'):
        with open(os.path.join(lists, name), encoding='utf-8') as f:
            names |= {w.strip().lower() for line in f if not line.startswith('#') for w in line.split()}
    words, places = set(), set()
    with open(os.path.join(folder, 'sv_SE.dic'), encoding='utf-8') as f:
        next(f)
        for line in f:
            entry = line.strip().split('\t')[0]
            stem, _, flags = entry.partition('/')
            if not stem or not stem[0].isalpha() or '!' in flags:
                continue
            if stem[0].islower():
                words.update(w for w in forms(stem, flags, rules) if w.isalpha() or '-' in w)
            elif 'X' in flags and stem.isalpha() and stem.lower() not in names and not stem.isupper():
                places.add(stem)
    with gzip.open(os.path.join(lists, 'swedish-words.txt.gz'), 'wt', encoding='utf-8', compresslevel=9) as out:
        out.write('\n'.join(sorted(words)) + '\n')
    with open(os.path.join(lists, 'swedish-places.txt'), 'w', encoding='utf-8') as out:
        out.write('# Derived from the Swedish hunspell dictionary (LGPL-3) by tools/lexicon/derive_swedish_words.py.\n')
        out.write('\n'.join(sorted(places)) + '\n')
    print(f'{len(words)} word forms, {len(places)} places and brands')

if __name__ == '__main__':
    main(sys.argv[1] if len(sys.argv) > 1 else '/usr/share/hunspell')
