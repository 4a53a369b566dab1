#!/usr/bin/env python3
"""Builds pii-dev2.jsonl: a second development corpus, written for this project, with the classes
the first one lacked (handles after platform words, profile links without a scheme, street names of
every ending, international numbers, lower-case full names, names known only from context,
workplaces) and traps for the false alarms (street names, slogans, group names). Same format as
../shared/data/pii-dev.jsonl. Markup: [[kind|text]]; {pnr:YYMMDD-NNN} and {pnr:YYYYMMDD-NNN} get
their Luhn check digit. Run: python3 build.py (writes pii-dev2.jsonl beside it, and
pii-dev3.jsonl and pii-heldout3.jsonl from the template files dev3.txt and heldout3.txt)."""
import json, os, re

def luhn_digit(nine):
    s = 0
    for i, ch in enumerate(nine):
        v = int(ch) * (2 if i % 2 == 0 else 1)
        s += v - 9 if v > 9 else v
    return str((10 - s % 10) % 10)

def fill(m):
    body = m.group(1)
    digits = re.sub(r'[^0-9]', '', body)
    ten = digits[-9:] if len(digits) == 11 else digits
    nine = digits[2:] if len(digits) == 11 else digits
    return body + luhn_digit(nine[-9:])

TEXTS = [
 # handles after platform words, without @
 "Eleven säger att hon fått meddelanden från en vuxen man. Snapchat: [[social_handle|mikke_nordisk07]]. Hon har sparat bilderna.",
 "Pojken har gått med i en server där någon med Discord-namnet [[social_handle|Valhall_Krigaren]] delar vapenbilder och manifest.",
 "En tjej i 9B säger att rekryteraren heter [[social_handle|sara.vit88]] på Instagram och skriver till yngre flickor varje kväll.",
 "fältarna såg att killarna följer kontot [[social_handle|jihad_sverige_1]] på TikTok. inga namn, bara smeknamn.",
 "Telegram: [[social_handle|nordvind_sthlm]], där delas propagandan enligt eleven. Kanalen har flera hundra medlemmar.",
 "He plays with an older man whose Steam name is [[social_handle|SturmFuehrer88]] and who sends him links to forums.",
 "Hans Kik är [[social_handle|wolfboy_2009]] och han har fått inbjudningar därifrån till en grupp som kallar sig Vargarna.",
 "Eleven streamar på Twitch som [[social_handle|ghost_of_odin]] och säger rasistiska saker till tittarna.",
 "Min kollega såg att pappan postar på X under namnet [[social_handle|svensk_fader]], bland annat hot mot moskén.",
 "En ungdom på fritids berättade att han chattar med [[social_handle|brother_musab]] på Telegram om att resa söderut.",
 "användarnamnet på snap är [[social_handle|lilla.lejon.06]] enligt kompisen, hon får meddelanden om att komma till en träff.",
 "On Reddit the user [[social_handle|u/aryan_dawn]] posted photos from our schoolyard with a caption about 'cleansing'.",
 # profile links without a scheme, beyond the big three
 "Han skickade sin profil [[url|snapchat.com/add/krigarn_1488]] till flera elever i sjuan.",
 "Länken i klotterkommentaren gick till [[url|kik.me/nordic_lion]] enligt IT-avdelningen.",
 "Pojken har en Steam-profil, [[url|steamcommunity.com/id/ss_totenkopf]], med hakkors som profilbild.",
 "Vi hittade en lapp med [[url|twitch.tv/vikingrage_tv]] på, han sänder varje kväll.",
 "Inlägget kom från [[url|reddit.com/user/hvit_makt_se]] och länkar till en video från vår skola.",
 "Kontot [[url|x.com/fria_nationalister]] har lagt ut bilder på vår personal.",
 "Rekryteringsvideon finns på [[url|youtube.com/@ummah_voice_se]] och har delats i klasschatten.",
 "Meddelandet kom från [[url|discord.com/users/884512306918273]] enligt skärmdumpen.",
 # street addresses with other endings
 "Killen har sagt att han bor på [[address|Fågelbacken 4]] och att ”alla där tycker som jag”.",
 "Brevet var adresserat till [[address|Solbackar 12]] men lämnades i skolans brevlåda.",
 "Gruppen samlas i en lägenhet på [[address|Stenbrinken 7 B]] enligt flera ungdomar.",
 "Mannen gav adressen [[address|Kornhamnsgränd 3]] när han ville ha materialet tillbaka.",
 "De delade ut flygblad vid [[address|Medborgarplatsen 2]], utanför biblioteket.",
 "Vi har fått veta att han bor på [[address|Björkstigen 14]] tillsammans med sin farbror.",
 "Eleven skrev sin adress, [[address|Tallslingan 22 lgh 1101]], på anmälningslappen till ”läger”.",
 "Möten hålls hemma hos en man på [[address|Lindallén 5]] varje torsdag.",
 "Han uppgav [[address|Ekbacksliden 9]] som hemadress när polisen kom.",
 "En kvinna på [[address|Solhöjden 16]] har fått hotbrev med nazistiska symboler.",
 "Flygbladen hittades i trappuppgången på [[address|Skeppsbrokajen 11]].",
 "Familjen bor på [[address|Mälarstranden 8]], mamman har själv kontaktat oss.",
 "hon sa att hon bor på [[address|Olof Palmes gata 21]] med sin mamma och att pappan inte får komma dit",
 "Sändaren uppgav adressen [[address|S:t Eriksgatan 46]] men den finns inte i registret.",
 "Adress: [[address|Hagaplan 3 A]], tredje våningen.",
 # international numbers
 "Pojken har ringt till ett finskt nummer, [[phone|+358 40 123 4567]], flera gånger i veckan.",
 "Mamman säger att sonen pratar med någon på [[phone|+90 532 123 45 67]] som lovar pengar.",
 "The caller withheld his name but the display showed [[phone|+44 20 7946 0958]].",
 "Numret i chatten var [[phone|+963 944 567 890]] enligt skärmbilden eleven visade.",
 "Han gav oss numret [[phone|0044 7700 900123]] om vi ”ville veta mer”.",
 "Kontakten i USA har [[phone|+1 (555) 123-4567]] enligt vad eleven berättat.",
 "ring pappan på [[phone|+47 912 34 567]], han bor i Norge men är vårdnadshavare",
 # lower-case full names
 "pratade med [[name|anders nilsson]] om vad som hänt i korridoren, han vill inte att vi gör en anmälan",
 "mamma heter [[name|fatima hassan]] och pappa [[name|omar hassan]], båda är oroliga för sonen",
 "eleven [[name|jonathan berg]] i 8b har klottrat hakkors i bänken",
 "killen som delade ut lappar heter [[name|viktor lundqvist]] enligt de andra",
 # names from context
 "Flera elever har fått sms från [[name|Jonte]] där han bjuder in till en ”träning” i skogen.",
 "[[name|Ali]] och [[name|Jonte]] har bråkat om flaggor på rasterna den senaste veckan.",
 "Mejl från [[name|Ragnvald]] kom i går kväll med en länk till en propagandafilm.",
 "Hon har pratat med [[name|Jolin]] om att åka till Syrien efter sommarlovet.",
 "Eleven kallas [[name|Snuskis]] av kompisarna och har visat bilder på vapen.",
 "Pojken [[name|Jeppe]] säger att hans bror är med i en aktivklubb.",
 # workplaces
 "Klistermärken har satts upp på flera toaletter på [[workplace|Eriksdalsskolan]] den senaste månaden.",
 "En elev på [[workplace|Adolf Fredriks musikklasser]] har delat en video med halshuggningar.",
 "Personalen på [[workplace|förskolan Solstrålen]] har fått hotbrev efter en Pride-vecka.",
 "Tre elever i årskurs 2 på [[workplace|Kungsholmens gymnasium]] har bildat en grupp som sprider propaganda.",
 "Fältarna har sett NMR-medlemmar utanför [[workplace|fritidsgården Gläntan]] flera kvällar i rad.",
 "En lärare på [[workplace|Fredhällsskolan]] har hotats av en förälder.",
 "Ungdomar vid [[workplace|Stadshagens fritidsgård]] har visat IS-videor för de yngre.",
 "A pupil at [[workplace|Thorildsplans gymnasium]] has been recruiting classmates to a closed chat group.",
 # unicode variants of blocking identifiers (the check sees them as they are written)
 "Pappans pnr enligt blanketten: [[personnummer|{pnr:780402–471}]]. Han delar ut flygblad vid skolan.",
 "personnummer [[personnummer|{pnr:20110829\u2011254}]] stod på lappen som låg i skåpet",
 "Hennes nummer är [[phone|070\u00a0174\u00a006\u00a033]] enligt kompisen.",
 "Kontakten mejlade från [[email|nordvind\uff20example.com]] i går.",
 "Brukaren [[personnummer|{pnr:261225-740}]] är över nittio och vill inte ha besök av barnbarnet.",
 # traps: no identifiers
 "Klistermärkena satt längs Olof Palmes gata och på Drottning Kristinas väg, totalt ett tjugotal.",
 "På banderollen stod ”Sverige åt svenskarna” och ”Hell seger”. Ingen vet vem som satte upp den.",
 "Eleverna pratade om Aktivklubb Norrort och Nordisk Ungdom, som de sett på Telegram och Snapchat.",
 "Flygbladen från Det fria Sverige hade en QR-kod. Rektor har pratat med Polisen och Socialtjänsten.",
 "Någon har skrivit ”Breivik var en hjälte” och ”Tarrant gjorde rätt” på väggen i omklädningsrummet.",
 "Eleven har en Discord-server och flera Instagram-konton enligt mentorn, men vi vet inte vad de heter.",
 "Han har bilder på Thor Steinar-jackor och Fred Perry-tröjor på sin TikTok, inget mer konkret.",
 "Vi ringde 112 och sedan 114 14. Händelsen var kl 14.30, sal 2.14, nära Storgatan.",
 "Möte med elevhälsan på tisdag 14/11. Rektor, kurator och mentor deltar. Dnr 2026/4471.",
 "Graffitin ”ACAB 1312” och ”AFA 161” målades på skolans fasad under helgen.",
 "Slagordet ”Kampen fortsätter” och ”Krossa kapitalet” stod skrivet på busskuren vid Hornstull.",
 "Skolan ligger vid Fridhemsplan och klottret fanns på gångvägen mot Kronobergsparken.",
 "Enligt kompisar har han gått med i Soldiers of Odin och säger att Oden kommer att straffa förrädarna.",
 "Pojken säger att Allah kommer att belöna den som dör för saken och att han vill till kalifatet.",
 "I klasschatten delades en bild på Hitler med texten ”Heil” och ett citat av Mussolini.",
 "Tjugo personer stod med facklor på Sergels torg. Polisen var på plats efter en kvart.",
 "Vi har sett mer propaganda i år än förra året, mest på Snapchat, TikTok och Telegram.",
 "Han följer Nordfront och Samnytt och säger att allt i skolan är lögner.",
 "Skolans nummer är inte med här. Ring växeln om du vill veta mer om ärendet.",
 "Förskolan har fått in ett flygblad. Grundskolan och gymnasiet i området har fått samma.",
 "Klottret på Götgatan innehöll en svart sol och siffrorna 14/88.",
 "Deltagarna bar t-shirts med trycket ”Vit makt” och ”Blod och ära”.",
 "Eleven säger att Kristus och Muhammed är fiender och att han står på Odens sida.",
 "Mentor och rektor informerade, kontakt med socialtjänsten tas i morgon. Inga namn i anmälan.",
 "Flera elever pratade om Roblox och Minecraft där de sett symboler.",
 "Hotet kom via ett anonymt konto på Instagram som nu är raderat.",
 "Vid Mariatorget och på Hornsgatan delades tidningen ut på lördagen.",
 "Det var 25 grader varmt och ungefär +300 deltagare enligt arrangörerna.",
 "Priset var 4 500 kr och de betalade via Swish, enligt eleven.",
 "Kursen i ”Vett och etikett” på fritidsgården avbröts efter bråket.",
 # a second round, written after the first had been tuned on, to see how the rules carry over
 "Han kallar sig [[social_handle|Vargen_Nord]] på Discord och bjuder in yngre killar till sin server.",
 "hennes snap: [[social_handle|bella.swe]] – hon får bilder från en man som säger att han är 19",
 "På insta heter hon [[social_handle|mirre_04]] och har lagt upp bilder med svarta solen.",
 "Eleven visade TikTok-kontot, det heter [[social_handle|krigarprinsen_se]], med filmer från skolan.",
 "Kolla kanalen [[social_handle|nordfolket_se]] på Telegram, där la de upp bilden på vår lärare.",
 "Hans Youtube-kanal [[social_handle|AryanTruth88]] har flera videor där han hyllar Breivik.",
 "Profilen [[url|snapchat.com/add/bella.swe]] skickade hot till flera tjejer i klassen.",
 "Inlägget finns på [[url|www.reddit.com/u/nordman_se]] enligt IT.",
 "Steam: [[url|https://steamcommunity.com/profiles/76561198000012345]], där han har SS-symboler.",
 "Länk till gruppen som pojken visade: [[url|t.me/nordfolket]]",
 "Han streamar på [[url|twitch.tv/lone_wolf_se]] och pratar om att ”rensa” skolan.",
 "Pappan bor på [[address|Tegnérgatan 12 3 tr]] och har enligt mamman vapen hemma.",
 "Klotter på fasaden vid [[address|Lilla Nygatan 14]], med svarta solen och 1488.",
 "Mötet hölls på [[address|Lugnets allé 10]] enligt flygbladet.",
 "Brevet skickades från [[address|Västra Trädgårdsgatan 8]], en adress som inte finns.",
 "Han bor på [[address|Hammarbybacken 27]] med sin mamma.",
 "Lägenheten på [[address|Prästgårdsängen 6]] används som samlingsplats enligt grannarna.",
 "Ungdomarna samlas vid [[address|Sjövikstorget 1]] varje fredag.",
 "Adressen han uppgav var [[address|Ekudden 4]], men vi tror den är påhittad.",
 "Flygbladen låg i trappan på [[address|Järnvägsgatan 3B]].",
 "Mannen ringde från ett tyskt nummer, [[phone|+49 30 901820]], och frågade efter eleven.",
 "Numret [[phone|+33 6 12 34 56 78]] finns i hans telefon under namnet ”brodern”.",
 "Contact number given by the man: [[phone|+31 20 123 4567]].",
 "Hon fick samtal från [[phone|+252 61 234 5678]] mitt i natten.",
 "Han sa att hans farbror i Egypten har numret [[phone|+20 100 123 4567]].",
 "vi ringde [[name|maria lindberg]] som är mamma till en av killarna",
 "[[name|ahmed yusuf]] i 9a har visat videor från IS för yngre elever",
 "kuratorn [[name|jonas eriksson]] har pratat med eleven två gånger",
 "Jag fick ett mejl från [[name|Kicki]] i går där hon skriver att sonen har ändrat sig.",
 "Fältarna har pratat med [[name|Boran]] som säger att han inte vill vara med längre.",
 "På fritidsgården träffade jag [[name|Nisse]] som delade ut flygblad.",
 "[[name|Jonna]] och [[name|Tove]] i 8C har fått hotfulla meddelanden.",
 "Klistermärken har satts upp på [[workplace|Västertorpsskolan]] och i tunnelbanan.",
 "En elev på [[workplace|Sjöstadsskolan]] har hotat att ta med ett vapen.",
 "Personalen på [[workplace|förskolan Regnbågen]] har sett en man fotografera barnen.",
 "Ungdomar från [[workplace|fritidsgården Tellus]] har setts med NMR-flaggor.",
 "Läraren på [[workplace|Hässelby gymnasium]] har anmält hoten till polisen.",
 "Två elever på [[workplace|Viktor Rydbergs gymnasium]] sprider propaganda i klasschatten.",
 "Flera boende på [[workplace|äldreboendet Solgården]] har fått flygblad i brevlådan.",
 "Eleven går på [[workplace|Engelbrektsskolan]] och är 13 år.",
 "Personnummer: [[personnummer|{pnr:8 1 1 2 1 8 - 9 8 7}]] stod det på lappen.",
 "Hans nummer är [[personnummer|{pnr:781231 556}]] enligt blanketten från socialtjänsten.",
 # traps
 "Klottret fanns på Drottninggatan och vid Olof Palmes plats, ingen vet vem som gjorde det.",
 "Han lyssnar på Sveriges Radio och säger att Sverigedemokraterna ljuger.",
 "Eleverna hade sett Jimmie Åkesson på TV och pratade om invandring.",
 "På skylten stod ”Kalla inte oss rasister” och ”Vi är Sverige”.",
 "Gruppen Nordiska Ungdomsförbundet har delat ut flygblad vid gymnasiet.",
 "Han har en tröja med Oden och Tor på och säger att han tror på asatron.",
 "Vi har haft möte med Säpo och Polisen om situationen på skolan.",
 "Eleverna spelar Fortnite och Counter-Strike och har sett symboler där.",
 "Mentorn har pratat med Rektor och Elevhälsan om vad som ska göras.",
 "I klassen pratade de om Hamas och Israel efter nyheterna.",
 "Han sa att Putin och Trump är de enda som vågar säga sanningen.",
 "Grundskolan har fått tre anmälningar om klotter den här terminen.",
 "Han streamar varje kväll på Twitch och YouTube enligt kompisarna.",
 "Profilen på Instagram har bara bilder på vapen och flaggor.",
 "Vi ses på måndag kl 13.00 i rum 3 för att gå igenom ärendet.",
 "Det var ca 40 personer och minst 10 flaggor vid Medborgarplatsen.",
 "Eleven var på Gröna Lund med klassen när det hände.",
 "Kampanjen ”Stoppa islamiseringen” spreds på Facebook och Telegram.",

 "Hej! Eleven [[name|Ville]] i 7C har ritat svastikor i sitt block. /[[name|Annika]], lärare",
 "Pappa [[name|Reza Karimi]] har hotat personalen vid hämtning. Han nås på [[phone|073-555 01 23]].",
 "En elev, [[name|Nova]], berättade att hennes storebror [[name|Isak]] har gått med i NMR.",
 "[[name|Liam]] och [[name|Noah]] i 6B har skickat bilder på hakkors i klasschatten.",
 "Our colleague [[name|Sam Okafor]] was threatened outside the youth centre by two men.",
 "The boy, [[name|Adam]], told his mentor [[name|Mr Patel]] that he wants to join 'the brothers'.",
 "mamman [[name|linnea]] ringde och sa att sonen [[name|hugo]] inte vill gå till skolan pga hot",
 "Rektor [[name|Eva Strand]] har fått ett hotbrev hem.",
 "Kuratorn har pratat med [[name|Selma]] (14) om bilderna hon fått.",
 "Enligt [[name|Bashir]] på fritids delas IS-videor i en grupp som heter ”Ummah”.",
 "Tack för i dag! / [[name|Katarina]]\nfältassistent",
 "Mvh,\n[[name|Johan Lindqvist]]\nFritidsledare",
 "Eleven [[name|Kerstin]] säger att hon sett en man dela ut flygblad vid grinden.",
 "Vid hembesöket var även morbror [[name|Hassan]] där och pratade om jihad.",
 "Two pupils, [[name|Emma]] and [[name|Zainab]], were harassed because they wear the hijab.",
 "Jag (socialsekreterare) träffade [[name|Dragan]] som säger att han vill lämna gruppen.",
 "Grannen [[name|Birgitta Holm]] har sett unga män bära vapen in i källaren.",
 "Flickan heter [[name|Amal]] och går i 5A, hon är rädd för sin bror.",
 "Hennes pojkvän kallas [[name|Bullen]] och är med i Aktivklubb.",
 "Tre elever – [[name|Oliver]], [[name|Malte]] och [[name|Edvin]] – ritade SS-runor på tavlan.",
 "Läraren [[name|Fredrik Åström]] har fått sin adress utlagd på nätet.",
 "Elevens mamma [[name|Leyla Demir]] vill att vi kontaktar henne först.",
 "i matsalen skrek [[name|elias]] att alla muslimer borde dö, [[name|viggo]] skrattade",
 "Vi har fått höra att [[name|Tobbe]] och hans kompisar har startat en aktivklubb.",
 "A man calling himself [[name|Abu Yahya]] approached girls outside the school.",
 "Vaktmästaren [[name|Kent]] hittade klistermärkena i morse.",
 "Hälsningar\n[[name|Mirja]]",
 "Eleven [[name|Kevin Ström]] i 9C har sagt att han ska ”skjuta upp skolan”.",
 "Fritidsledaren [[name|Sanna]] har fått hot på Instagram från ett anonymt konto.",
 "Tjejen, [[name|Hiba]], vill inte att föräldrarna får veta.",
 # traps
 "Hot mot lärare på skolan, ingen känd avsändare. Rektor och skyddsombud informerade.",
 "Eleven citerade Breivik och Tarrant och sa att de var hjältar.",
 "Klistermärken från Nordisk Ungdom och Aktivklubb Syd hittades på toaletterna.",
 "På väggen stod ”Mod, ära, trohet” och en svart sol.",
 "Mannen hade en Fred Perry-tröja och Dr Martens-kängor.",
 "Enligt kuratorn pratar eleven mycket om Jesus och Allah och vilken religion som är rätt.",
 "Sommaren har varit lugn men i augusti kom nya klistermärken.",
 "Vi har fått in anmälningar från Skärholmen, Rinkeby och Tensta under våren.",
 "Socialtjänsten och Polisen har haft samverkansmöte om läget.",
 "Flygbladen kom från Alternativ för Sverige och Det fria Sverige.",
 "Pojken säger att Oden och Tor skyddar honom.",
 "I kväll är det Lucia och eleverna har övat på sånger.",
 "Vi har pratat med Elevhälsan och Skolverket om hur vi ska göra.",
 "Eleverna har läst om Anne Frank och Förintelsen i historia.",
 "Graffiti med texten ”Frihet för Palestina” och ”Leve Kurdistan” på skolan.",
 "Någon har skrivit Heil Hitler på toalettdörren i C-huset.",
 "Klassen pratade om Hamas, Israel och Gaza under lektionen.",
 "Det var Per-Olov-dagen på skolan, ingen koppling.",
 "Vi har haft ett möte med Kungsholmens stadsdelsförvaltning om situationen.",
 "Ungdomarna hänger vid Fridhemsplan och Thorildsplan på kvällarna.",
 "Filmen Mein Kampf hittades på en USB-sticka i klassrummet.",
 "Personal från Stadsmiljö tog bort klottret vid Rålambshovsparken.",
 "Hela 9A var på studiebesök hos Polisen i Solna.",
 "Han spelar Call of Duty och säger att han vill bli soldat.",
 "Vi vet inte vem som skrev det, men det var på Stadshagens idrottsplats.",
 "Mamman har haft kontakt med Migrationsverket och Försäkringskassan.",
 "Kontakta oss på Kungsholmens stadsdelsförvaltning om ni har frågor.",
 "På bussen sa en man att ”Sverige är till för svenskar”.",
 "Eleven har en bild av Che Guevara och en av Lenin på sin väska.",
 "I november hade skolan temavecka om demokrati och mänskliga rättigheter.",
]

def build(texts=TEXTS, prefix="dev2", out_name="pii-dev2.jsonl"):
    here = os.path.dirname(os.path.abspath(__file__))
    records = []
    for i, template in enumerate(texts, 1):
        template = re.sub(r'\{pnr:([^}]+)\}', fill, template)
        text, spans, pos = '', [], 0
        for m in re.finditer(r'\[\[([a-z_]+)\|(.*?)\]\]', template):
            text += template[pos:m.start()]
            start = len(text.encode('utf-16-le')) // 2
            text += m.group(2)
            spans.append({"start": start, "end": len(text.encode('utf-16-le')) // 2, "kind": m.group(1)})
            pos = m.end()
        text += template[pos:]
        records.append({"id": f"{prefix}-{i:03d}", "text": text, "spans": spans})
    with open(os.path.join(here, out_name), 'w', encoding='utf-8') as out:
        for r in records:
            out.write(json.dumps(r, ensure_ascii=False) + '\n')
    print(f"{len(records)} records, {sum(len(r['spans']) for r in records)} spans")

def templates(name):
    """A template file: one text per line, '#' lines are comments."""
    here = os.path.dirname(os.path.abspath(__file__))
    with open(os.path.join(here, name), encoding='utf-8') as f:
        return [line.rstrip('\n') for line in f if line.strip() and not line.startswith('#')]

if __name__ == '__main__':
    build()
    # The third pass (issue 33): a development file that was tuned on, and a held-out file that was not.
    build(templates('dev3.txt'), 'dev3', 'pii-dev3.jsonl')
    build(templates('heldout3.txt'), 'held3', 'pii-heldout3.jsonl')
