namespace RuleGen.Runtime;

/// <summary>
/// The first rules of ua-parser's <c>user_agent_parsers</c> as Elasticsearch's <c>user_agent</c> processor runs
/// them, in their order, from the top of the list down to and including the generic bot matchers that follow the
/// AWS clients rule. Because the parser takes the first rule that matches, any user agent one of these rules matches
/// gets exactly Elasticsearch's user_agent.name and version; the rules after them (browsers, mail clients, …) are not
/// shipped, so a user agent none of these matches gets no name (see <see cref="UserAgentParser"/>).
/// <para>
/// Source: elastic/elasticsearch, modules/ingest-user-agent/src/main/resources/regexes.yml at commit
/// 44675c424aeca60d574a511e9f56997442b7e1fa, itself ua-parser's regexes.yaml. Copyright 2009 Google Inc., Apache
/// License 2.0. Patterns copied as they are (single-quoted YAML, so no escaping changed).
/// </para>
/// </summary>
internal static class UserAgentRules
{
    /// <summary>(pattern, family replacement or null: group 1 is the family, groups 2–5 the version parts).</summary>
    public static readonly (string Pattern, string? Family)[] Leading =
    {
        // SPECIAL CASES TOP: CFNetwork podcast catchers
        ("""(ESPN)[%20| ]+Radio/(\d+)\.(\d+)\.(\d+) CFNetwork""", null),
        ("""(Antenna)/(\d+) CFNetwork""", "AntennaPod"),
        ("""(TopPodcasts)Pro/(\d+) CFNetwork""", null),
        ("""(MusicDownloader)Lite/(\d+)\.(\d+)\.(\d+) CFNetwork""", null),
        ("""^(.*)-iPad\/(\d+)(?:\.(\d+)|)(?:\.(\d+)|)(?:\.(\d+)|) CFNetwork""", null),
        ("""^(.*)-iPhone/(\d+)(?:\.(\d+)|)(?:\.(\d+)|)(?:\.(\d+)|) CFNetwork""", null),
        ("""^(.*)/(\d+)(?:\.(\d+)|)(?:\.(\d+)|)(?:\.(\d+)|) CFNetwork""", null),
        // Podcast catchers
        ("""(espn\.go)""", "ESPN"),
        ("""(espnradio\.com)""", "ESPN"),
        ("""ESPN APP$""", "ESPN"),
        ("""(audioboom\.com)""", "AudioBoom"),
        (""" (Rivo) RHYTHM""", null),
        // iOS / OSX applications
        ("""(CFNetwork)(?:/(\d+)\.(\d+)(?:\.(\d+)|)|)""", "CFNetwork"),
        // Pingdom, WebPageTest, Datanyze, New Relic, Tableau, Salesforce, StatusCake, Facebook, Google, Yahoo, Twitter
        ("""(Pingdom\.com_bot_version_)(\d+)\.(\d+)""", "PingdomBot"),
        ("""(PingdomTMS)/(\d+)\.(\d+)\.(\d+)""", "PingdomBot"),
        (""" (PTST)/(\d+)(?:\.(\d+)|)$""", "WebPageTest.org bot"),
        ("""X11; (Datanyze); Linux""", null),
        ("""(NewRelicPinger)/(\d+)\.(\d+)""", "NewRelicPingerBot"),
        ("""(Tableau)/(\d+)\.(\d+)""", "Tableau"),
        ("""(Salesforce)(?:.)\/(\d+)\.(\d?)""", null),
        ("""(\(StatusCake\))""", "StatusCakeBot"),
        ("""(facebookexternalhit)/(\d+)\.(\d+)""", "FacebookBot"),
        ("""Google.*/\+/web/snippet""", "GooglePlusBot"),
        ("""via ggpht\.com GoogleImageProxy""", "GmailImageProxy"),
        ("""YahooMailProxy; https://help\.yahoo\.com/kb/yahoo-mail-proxy-SLN28749\.html""", "YahooMailProxy"),
        ("""(Twitterbot)/(\d+)\.(\d+)""", "TwitterBot"),
        // Bots pattern '/name-0.0', then 'name/0.0'
        ("""/((?:Ant-|)Nutch|[A-z]+[Bb]ot|[A-z]+[Ss]pider|Axtaris|fetchurl|Isara|ShopSalad|Tailsweep)[ \-](\d+)(?:\.(\d+)|)(?:\.(\d+)|)""", null),
        ("""\b(008|Altresium|Argus|BaiduMobaider|BoardReader|DNSGroup|DataparkSearch|EDI|Goodzer|Grub|INGRID|Infohelfer|LinkedInBot|LOOQ|Nutch|PathDefender|Peew|PostPost|Steeler|Twitterbot|VSE|WebCrunch|WebZIP|Y!J-BR[A-Z]|YahooSeeker|envolk|sproose|wminer)/(\d+)(?:\.(\d+)|)(?:\.(\d+)|)""", null),
        // MSIECrawler, DAVdroid, downloaders, Pinterestbot
        ("""(MSIE) (\d+)\.(\d+)([a-z]\d|[a-z]|);.* MSIECrawler""", "MSIECrawler"),
        ("""(DAVdroid)/(\d+)\.(\d+)(?:\.(\d+)|)""", null),
        ("""(Google-HTTP-Java-Client|Apache-HttpClient|Go-http-client|scalaj-http|http%20client|Python-urllib|HttpMonitor|TLSProber|WinHTTP|JNLP|okhttp|aihttp|reqwest)(?:[ /](\d+)(?:\.(\d+)|)(?:\.(\d+)|)|)""", null),
        ("""(Pinterest(?:bot|))/(\d+)(?:\.(\d+)|)(?:\.(\d+)|)[;\s(]+\+https://www.pinterest.com/bot.html""", "Pinterestbot"),
        // Bots
        ("""(CSimpleSpider|Cityreview Robot|CrawlDaddy|CrawlFire|Finderbots|Index crawler|Job Roboter|KiwiStatus Spider|Lijit Crawler|QuerySeekerSpider|ScollSpider|Trends Crawler|USyd-NLP-Spider|SiteCat Webbot|BotName\/\$BotVersion|123metaspider-Bot|1470\.net crawler|50\.nu|8bo Crawler Bot|Aboundex|Accoona-[A-z]{1,30}-Agent|AdsBot-Google(?:-[a-z]{1,30}|)|altavista|AppEngine-Google|archive.{0,30}\.org_bot|archiver|Ask Jeeves|[Bb]ai[Dd]u[Ss]pider(?:-[A-Za-z]{1,30})(?:-[A-Za-z]{1,30}|)|bingbot|BingPreview|blitzbot|BlogBridge|Bloglovin|BoardReader Blog Indexer|BoardReader Favicon Fetcher|boitho.com-dc|BotSeer|BUbiNG|\b\w{0,30}favicon\w{0,30}\b|\bYeti(?:-[a-z]{1,30}|)|Catchpoint(?: bot|)|[Cc]harlotte|Checklinks|clumboot|Comodo HTTP\(S\) Crawler|Comodo-Webinspector-Crawler|ConveraCrawler|CRAWL-E|CrawlConvera|Daumoa(?:-feedfetcher|)|Feed Seeker Bot|Feedbin|findlinks|Flamingo_SearchEngine|FollowSite Bot|furlbot|Genieo|gigabot|GomezAgent|gonzo1|(?:[a-zA-Z]{1,30}-|)Googlebot(?:-[a-zA-Z]{1,30}|)|Google SketchUp|grub-client|gsa-crawler|heritrix|HiddenMarket|holmes|HooWWWer|htdig|ia_archiver|ICC-Crawler|Icarus6j|ichiro(?:/mobile|)|IconSurf|IlTrovatore(?:-Setaccio|)|InfuzApp|Innovazion Crawler|InternetArchive|IP2[a-z]{1,30}Bot|jbot\b|KaloogaBot|Kraken|Kurzor|larbin|LEIA|LesnikBot|Linguee Bot|LinkAider|LinkedInBot|Lite Bot|Llaut|lycos|Mail\.RU_Bot|masscan|masidani_bot|Mediapartners-Google|Microsoft .{0,30} Bot|mogimogi|mozDex|MJ12bot|msnbot(?:-media {0,2}|)|msrbot|Mtps Feed Aggregation System|netresearch|Netvibes|NewsGator[^/]{0,30}|^NING|Nutch[^/]{0,30}|Nymesis|ObjectsSearch|Orbiter|OOZBOT|PagePeeker|PagesInventory|PaxleFramework|Peeplo Screenshot Bot|PlantyNet_WebRobot|Pompos|Qwantify|Read%20Later|Reaper|RedCarpet|Retreiver|Riddler|Rival IQ|scooter|Scrapy|Scrubby|searchsight|seekbot|semanticdiscovery|SemrushBot|Simpy|SimplePie|SEOstats|SimpleRSS|SiteCon|Slackbot-LinkExpanding|Slack-ImgProxy|Slurp|snappy|Speedy Spider|Squrl Java|Stringer|TheUsefulbot|ThumbShotsBot|Thumbshots\.ru|Tiny Tiny RSS|TwitterBot|WhatsApp|URL2PNG|Vagabondo|VoilaBot|^vortex|Votay bot|^voyager|WASALive.Bot|Web-sniffer|WebThumb|WeSEE:[A-z]{1,30}|WhatWeb|WIRE|WordPress|Wotbox|www\.almaden\.ibm\.com|Xenu(?:.s|) Link Sleuth|Xerka [A-z]{1,30}Bot|yacy(?:bot|)|YahooSeeker|Yahoo! Slurp|Yandex\w{1,30}|YodaoBot(?:-[A-z]{1,30}|)|YottaaMonitor|Yowedo|^Zao|^Zao-Crawler|ZeBot_www\.ze\.bz|ZooShot|ZyBorg)(?:[ /]v?(\d+)(?:\.(\d+)(?:\.(\d+)|)|)|)""", null),
        // AWS S3 clients: before the general bot matcher, to catch "boto"/"boto3" before "bot"
        ("""\b(Boto3?|JetS3t|aws-(?:cli|sdk-(?:cpp|go|java|nodejs|ruby2?))|s3fs)/(\d+)\.(\d+)(?:\.(\d+)|)""", null),
        // Facebook (Messenger first)
        ("""\[(FBAN/MessengerForiOS|FB_IAB/MESSENGER);FBAV/(\d+)(?:\.(\d+)(?:\.(\d+)|)|)""", "Facebook Messenger"),
        ("""\[FB.*;(FBAV)/(\d+)(?:\.(\d+)|)(?:\.(\d+)|)""", "Facebook"),
        ("""\[FB.*;""", "Facebook"),
        // Bots general matcher 'name/0.0', bots containing bot (but not CUBOT), bots containing spider|scrape|crawl
        ("""(?:\/[A-Za-z0-9\.]+|) {0,5}([A-Za-z0-9 \-_\!\[\]:]{0,50}(?:[Aa]rchiver|[Ii]ndexer|[Ss]craper|[Bb]ot|[Ss]pider|[Cc]rawl[a-z]{0,50}))[/ ](\d+)(?:\.(\d+)(?:\.(\d+)|)|)""", null),
        ("""((?:[A-Za-z][A-Za-z0-9 -]{0,50}|)[^C][^Uu][Bb]ot)\b(?:(?:[ /]| v)(\d+)(?:\.(\d+)|)(?:\.(\d+)|)|)""", null),
        ("""((?:[A-z0-9]{1,50}|[A-z\-]{1,50} ?|)(?: the |)(?:[Ss][Pp][Ii][Dd][Ee][Rr]|[Ss]crape|[Cc][Rr][Aa][Ww][Ll])[A-z0-9]{0,50})(?:(?:[ /]| v)(\d+)(?:\.(\d+)|)(?:\.(\d+)|)|)""", null),
    };

    /// <summary>
    /// The only rules after <see cref="Leading"/> that can match a lower-case host name such as
    /// <c>ec2.amazonaws.com</c> (every other later rule needs an upper-case letter, a slash, a space or a digit run
    /// the name lacks): when none of these matches either, such a user agent is Elasticsearch's "Other".
    /// </summary>
    public static readonly string[] LaterRulesMatchingHostNames =
    {
        """(luakit)""",
        """rekonq""",
        """\b(Windows-Update-Agent|Microsoft-CryptoAPI|SophosUpdateManager|SophosAgent|Debian APT-HTTP|Ubuntu APT-HTTP|libcurl-agent|libwww-perl|urlgrabber|curl|PycURL|Wget|aria2|Axel|OpenBSD ftp|lftp|jupdate|insomnia)(?:[ /](\d+)(?:\.(\d+)|)(?:\.(\d+)|)|)""",
    };
}
