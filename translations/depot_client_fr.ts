<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
<context>
    <name>MockTools</name>
    <message>
        <source>Journal of %1</source>
        <translation>Journal de %1</translation>
    </message>
    <message>
        <source>Try %1</source>
        <translation>Essayer %1</translation>
    </message>
</context>
<context>
    <name>depot</name>
    <message>
        <source>The server refused the connection. Is it running, and is the address right?</source>
        <translation>Le serveur a refusé la connexion. Est-il démarré, et l’adresse est-elle juste ?</translation>
    </message>
    <message>
        <source>The server closed the connection before it answered. It may have stopped or restarted.</source>
        <translation>Le serveur a fermé la connexion avant de répondre. Il s’est peut-être arrêté ou a redémarré.</translation>
    </message>
    <message>
        <source>The server&apos;s name was not found. Check the address.</source>
        <translation>Le nom du serveur est introuvable. Vérifiez l’adresse.</translation>
    </message>
    <message>
        <source>The connection to the server timed out.</source>
        <translation>La connexion au serveur a expiré.</translation>
    </message>
    <message>
        <source>A secure connection to the server could not be established.</source>
        <translation>Impossible d’établir une connexion sécurisée avec le serveur.</translation>
    </message>
    <message>
        <source>The network is not available.</source>
        <translation>Le réseau n’est pas disponible.</translation>
    </message>
    <message>
        <source>The proxy did not pass the request on.</source>
        <translation>Le proxy n’a pas transmis la requête.</translation>
    </message>
    <message>
        <source>The server&apos;s answer was not understood.</source>
        <translation>La réponse du serveur n’a pas été comprise.</translation>
    </message>
    <message>
        <source>The connection to the server broke off.</source>
        <translation>La connexion au serveur a été interrompue.</translation>
    </message>
</context>
<context>
    <name>depot::AccountPage</name>
    <message>
        <source>&amp;Refresh</source>
        <translation>Actualis&amp;er</translation>
    </message>
    <message>
        <source>Server:</source>
        <translation>Serveur :</translation>
    </message>
    <message>
        <source>Username:</source>
        <translation>Nom d’utilisateur :</translation>
    </message>
    <message>
        <source>Plan:</source>
        <translation>Formule :</translation>
    </message>
    <message>
        <source>Hourly quota:</source>
        <translation>Quota horaire :</translation>
    </message>
    <message>
        <source>Not logged in</source>
        <translation>Non connecté</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Chargement…</translation>
    </message>
    <message>
        <source>Could not load the account.</source>
        <translation>Impossible de charger le compte.</translation>
    </message>
    <message>
        <source>&amp;CORS for my endpoints that do not set it</source>
        <translation>&amp;CORS pour mes points d’accès sans réglage propre</translation>
    </message>
    <message>
        <source>Endpoints whose CORS option is &quot;as my account&apos;s default&quot; answer browsers&apos; preflight requests and add CORS headers that echo the request&apos;s Origin.</source>
        <translation>Les points d’accès dont l’option CORS est « selon le réglage par défaut de mon compte » répondent aux requêtes préliminaires (preflight) des navigateurs et ajoutent les en-têtes CORS qui renvoient l’Origin de la requête.</translation>
    </message>
    <message>
        <source>Endpoints:</source>
        <translation>Points d’accès :</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Enregistrement…</translation>
    </message>
    <message>
        <source>Could not change the CORS default.</source>
        <translation>Impossible de modifier le réglage CORS par défaut.</translation>
    </message>
    <message>
        <source>Endpoints without their own CORS setting now answer CORS.</source>
        <translation>Les points d’accès sans réglage CORS propre répondent désormais à CORS.</translation>
    </message>
    <message>
        <source>Endpoints without their own CORS setting no longer answer CORS.</source>
        <translation>Les points d’accès sans réglage CORS propre ne répondent plus à CORS.</translation>
    </message>
</context>
<context>
    <name>depot::ApiClient</name>
    <message>
        <source>no token</source>
        <translation>aucun jeton</translation>
    </message>
    <message>
        <source>no username</source>
        <translation>aucun nom d’utilisateur</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>Impossible de lire %1 : %2</translation>
    </message>
    <message>
        <source>no requestId</source>
        <translation>aucun requestId</translation>
    </message>
    <message>
        <source>not an image</source>
        <translation>pas une image</translation>
    </message>
    <message>
        <source>no ticket</source>
        <translation>pas de ticket</translation>
    </message>
</context>
<context>
    <name>depot::CommandLine</name>
    <message>
        <source>Depot desktop client: hosted endpoints, one-time file drops and image dumps.

Commands:
  share FILE...     upload files to the anonymous drop and print their links
  download URL      download a shared link (checked first; never used up by a cancelled save)
Without a command the window opens.</source>
        <translation>Client de bureau Depot : points d’accès hébergés, dépôts de fichiers à usage unique et dumps d’images.

Commandes :
  share FICHIER...  envoyer des fichiers au dépôt anonyme et afficher leurs liens
  download URL      télécharger un lien partagé (vérifié d’abord ; jamais consommé par un enregistrement annulé)
Sans commande, la fenêtre s’ouvre.</translation>
    </message>
    <message>
        <source>The Depot server, e.g. http://localhost:8080.</source>
        <translation>Le serveur Depot, p. ex. http://localhost:8080.</translation>
    </message>
    <message>
        <source>URL</source>
        <translation>URL</translation>
    </message>
    <message>
        <source>Run share or download in the window (for file managers).</source>
        <translation>Exécuter share ou download dans la fenêtre (pour les gestionnaires de fichiers).</translation>
    </message>
    <message>
        <source>download: the file or folder to save to (default: the current folder).</source>
        <translation>download : le fichier ou dossier de destination (par défaut : le dossier courant).</translation>
    </message>
    <message>
        <source>PATH</source>
        <translation>CHEMIN</translation>
    </message>
    <message>
        <source>The link&apos;s password (better: the DEPOT_PASSWORD environment variable).</source>
        <translation>Le mot de passe du lien (mieux : la variable d’environnement DEPOT_PASSWORD).</translation>
    </message>
    <message>
        <source>PASSWORD</source>
        <translation>MOT_DE_PASSE</translation>
    </message>
    <message>
        <source>share: how many downloads the link allows.</source>
        <translation>share : combien de téléchargements le lien permet.</translation>
    </message>
    <message>
        <source>N</source>
        <translation>N</translation>
    </message>
    <message>
        <source>share or download</source>
        <translation>share ou download</translation>
    </message>
    <message>
        <source>[share FILE... | download URL]</source>
        <translation>[share FICHIER... | download URL]</translation>
    </message>
    <message>
        <source>Not a server address: %1</source>
        <translation>Pas une adresse de serveur : %1</translation>
    </message>
    <message>
        <source>--downloads takes a number from 1.</source>
        <translation>--downloads attend un nombre à partir de 1.</translation>
    </message>
    <message>
        <source>share needs at least one file.</source>
        <translation>share demande au moins un fichier.</translation>
    </message>
    <message>
        <source>Not a file: %1</source>
        <translation>Pas un fichier : %1</translation>
    </message>
    <message>
        <source>download needs exactly one link.</source>
        <translation>download demande exactement un lien.</translation>
    </message>
    <message>
        <source>Not a link: %1</source>
        <translation>Pas un lien : %1</translation>
    </message>
    <message>
        <source>Unknown command: %1 (try --help)</source>
        <translation>Commande inconnue : %1 (voir --help)</translation>
    </message>
    <message>
        <source>No server: pass --server URL.</source>
        <translation>Aucun serveur : indiquez --server URL.</translation>
    </message>
    <message>
        <source>No answer.</source>
        <translation>Aucune réponse.</translation>
    </message>
</context>
<context>
    <name>depot::DownloadPage</name>
    <message>
        <source>&amp;Download</source>
        <translation>Téléchar&amp;ger</translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation>Annul&amp;er</translation>
    </message>
    <message>
        <source>&amp;Open file</source>
        <translation>Ou&amp;vrir le fichier</translation>
    </message>
    <message>
        <source>Show in folde&amp;r</source>
        <translation>Afficher dans le &amp;dossier</translation>
    </message>
    <message>
        <source>Paste a link, e.g. https://depot.example/api/v1.0/file/…</source>
        <translation>Collez un lien, p. ex. https://depot.example/api/v1.0/file/…</translation>
    </message>
    <message>
        <source>Depot checks the link first and asks where to save before it downloads: a shared link may work only once.</source>
        <translation>Depot vérifie d’abord le lien et demande où enregistrer avant de télécharger : un lien partagé peut ne fonctionner qu’une fois.</translation>
    </message>
    <message>
        <source>This is not a link: paste the whole http:// or https:// address.</source>
        <translation>Ce n’est pas un lien : collez l’adresse http:// ou https:// complète.</translation>
    </message>
    <message>
        <source>Checking the link…</source>
        <translation>Vérification du lien…</translation>
    </message>
    <message>
        <source>This file is protected by a password.</source>
        <translation>Ce fichier est protégé par un mot de passe.</translation>
    </message>
    <message>
        <source>This link does not exist. Check that it was copied completely.</source>
        <translation>Ce lien n’existe pas. Vérifiez qu’il a été copié en entier.</translation>
    </message>
    <message>
        <source>This file is gone: it was already downloaded or it has expired.</source>
        <translation>Ce fichier n’est plus disponible : il a déjà été téléchargé ou il a expiré.</translation>
    </message>
    <message>
        <source>Too many attempts on this link. Wait a moment and try again.</source>
        <translation>Trop de tentatives sur ce lien. Patientez un instant et réessayez.</translation>
    </message>
    <message>
        <source>The link could not be checked.</source>
        <translation>Impossible de vérifier le lien.</translation>
    </message>
    <message>
        <source>Save %1</source>
        <translation>Enregistrer %1</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>inconnue</translation>
    </message>
    <message>
        <source>%1 (%2) is ready. Choose where to save it. Nothing is downloaded before you choose: a shared link may work only once, and a download that breaks off cannot be repeated.</source>
        <translation>%1 (%2) est prêt. Choisissez où l’enregistrer. Rien n’est téléchargé avant votre choix : un lien partagé peut ne fonctionner qu’une fois, et un téléchargement interrompu ne peut pas être repris.</translation>
    </message>
    <message>
        <source>Not downloaded. The link was not used and still works.</source>
        <translation>Non téléchargé. Le lien n’a pas été utilisé et fonctionne toujours.</translation>
    </message>
    <message>
        <source>Password required</source>
        <translation>Mot de passe requis</translation>
    </message>
    <message>
        <source>Wrong password. Enter the password again:</source>
        <translation>Mot de passe incorrect. Saisissez-le à nouveau :</translation>
    </message>
    <message>
        <source>This file is protected. Enter its password:</source>
        <translation>Ce fichier est protégé. Saisissez son mot de passe :</translation>
    </message>
    <message>
        <source>Not downloaded: this link needs its password.</source>
        <translation>Non téléchargé : ce lien demande son mot de passe.</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Connexion…</translation>
    </message>
    <message>
        <source>Downloading… %1</source>
        <translation>Téléchargement… %1</translation>
    </message>
    <message>
        <source>Saved %1 (%2).</source>
        <translation>%1 enregistré (%2).</translation>
    </message>
    <message>
        <source>The link is probably used up now: ask the sender for a new one.</source>
        <translation>Le lien est probablement épuisé : demandez-en un nouveau à l’expéditeur.</translation>
    </message>
    <message>
        <source>The download was cancelled.</source>
        <translation>Le téléchargement a été annulé.</translation>
    </message>
    <message>
        <source>The download broke off after %1.</source>
        <translation>Le téléchargement s’est interrompu après %1.</translation>
    </message>
    <message>
        <source>The download failed.</source>
        <translation>Le téléchargement a échoué.</translation>
    </message>
    <message>
        <source>Drag the file to another application or folder.</source>
        <translation>Faites glisser le fichier vers une autre application ou un dossier.</translation>
    </message>
</context>
<context>
    <name>depot::DumpsPage</name>
    <message>
        <source>Se&amp;nd</source>
        <translation>Envo&amp;yer</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>Actualis&amp;er</translation>
    </message>
    <message>
        <source>E&amp;xport…</source>
        <translation>E&amp;xporter…</translation>
    </message>
    <message>
        <source>An .xml or .json batch of items</source>
        <translation>Un lot d’éléments .xml ou .json</translation>
    </message>
    <message>
        <source>Ch&amp;oose…</source>
        <translation>Choi&amp;sir…</translation>
    </message>
    <message>
        <source>Item / image</source>
        <translation>Élément / image</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>État</translation>
    </message>
    <message>
        <source>Detail</source>
        <translation>Détail</translation>
    </message>
    <message>
        <source>Request</source>
        <translation>Requête</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>Format</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Envoyée</translation>
    </message>
    <message>
        <source>Earlier requests</source>
        <translation>Requêtes précédentes</translation>
    </message>
    <message>
        <source>Choose a batch of items</source>
        <translation>Choisir un lot d’éléments</translation>
    </message>
    <message>
        <source>Item batches (*.xml *.json);;All files (*)</source>
        <translation>Lots d’éléments (*.xml *.json);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>Log in to send image dumps.</source>
        <translation>Connectez-vous pour envoyer des dumps d’images.</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>En attente</translation>
    </message>
    <message>
        <source>Succeeded</source>
        <translation>Réussi</translation>
    </message>
    <message>
        <source>Partly succeeded</source>
        <translation>Partiellement réussi</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Échoué</translation>
    </message>
    <message numerus="yes">
        <source>The hourly quota of your plan is used up. You can send again at %1 (in %n minute(s)).</source>
        <translation>
            <numerusform>Le quota horaire de votre formule est épuisé. Vous pourrez renvoyer à %1 (dans %n minute).</numerusform>
            <numerusform>Le quota horaire de votre formule est épuisé. Vous pourrez renvoyer à %1 (dans %n minutes).</numerusform>
        </translation>
    </message>
    <message>
        <source>Export the result</source>
        <translation>Exporter le résultat</translation>
    </message>
    <message>
        <source>JSON files (*.json)</source>
        <translation>Fichiers JSON (*.json)</translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation>Impossible d’écrire %1 : %2</translation>
    </message>
    <message>
        <source>Exported to %1.</source>
        <translation>Exporté vers %1.</translation>
    </message>
    <message>
        <source>Choose an .xml or .json file first.</source>
        <translation>Choisissez d’abord un fichier .xml ou .json.</translation>
    </message>
    <message>
        <source>Sending %1; the server answers once every image is fetched…</source>
        <translation>Envoi de %1 ; le serveur répond une fois toutes les images récupérées…</translation>
    </message>
    <message>
        <source>The dump was refused.</source>
        <translation>Le dump a été refusé.</translation>
    </message>
    <message numerus="yes">
        <source>%n image(s)</source>
        <translation>
            <numerusform>%n image</numerusform>
            <numerusform>%n images</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Request %1: %2 of %n item(s) succeeded.</source>
        <translation>
            <numerusform>Requête %1 : %2 élément sur %n réussi.</numerusform>
            <numerusform>Requête %1 : %2 éléments sur %n réussis.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n request(s) left this hour.</source>
        <translation>
            <numerusform>Il reste %1 requête sur %n cette heure-ci.</numerusform>
            <numerusform>Il reste %1 requêtes sur %n cette heure-ci.</numerusform>
        </translation>
    </message>
    <message>
        <source>Could not load the request.</source>
        <translation>Impossible de charger la requête.</translation>
    </message>
    <message>
        <source>the site did not answer in time</source>
        <translation>le site n’a pas répondu à temps</translation>
    </message>
    <message>
        <source>the site&apos;s name was not found</source>
        <translation>le nom du site est introuvable</translation>
    </message>
    <message>
        <source>the site refused the connection</source>
        <translation>le site a refusé la connexion</translation>
    </message>
    <message>
        <source>the image is too large</source>
        <translation>l’image est trop volumineuse</translation>
    </message>
    <message>
        <source>not an image</source>
        <translation>ce n’est pas une image</translation>
    </message>
    <message>
        <source>the address is not allowed (private or local)</source>
        <translation>l’adresse n’est pas autorisée (privée ou locale)</translation>
    </message>
    <message>
        <source>too many redirects</source>
        <translation>trop de redirections</translation>
    </message>
    <message>
        <source>a redirect that cannot be followed</source>
        <translation>une redirection impossible à suivre</translation>
    </message>
    <message>
        <source>not a usable URL</source>
        <translation>URL inutilisable</translation>
    </message>
    <message>
        <source>the request&apos;s time ran out</source>
        <translation>le temps de la requête est écoulé</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>annulé</translation>
    </message>
    <message>
        <source>network error</source>
        <translation>erreur réseau</translation>
    </message>
    <message>
        <source>Sending %1…</source>
        <translation>Envoi de %1…</translation>
    </message>
    <message>
        <source>%v of %m images</source>
        <translation>%v images sur %m</translation>
    </message>
    <message numerus="yes">
        <source>Request %1 accepted: fetching %n image(s)…</source>
        <translation>
            <numerusform>Requête %1 acceptée : récupération de %n image…</numerusform>
            <numerusform>Requête %1 acceptée : récupération de %n images…</numerusform>
        </translation>
    </message>
    <message>
        <source>Live progress is not available (%1); waiting for the result…</source>
        <translation>Progression en direct indisponible (%1) ; en attente du résultat…</translation>
    </message>
</context>
<context>
    <name>depot::EndpointEditor</name>
    <message>
        <source>{&quot;X-Example&quot;: &quot;value&quot;}</source>
        <translation>{&quot;X-Example&quot;: &quot;valeur&quot;}</translation>
    </message>
    <message>
        <source>Optional: requests must send exactly this JSON</source>
        <translation>Facultatif : les requêtes doivent envoyer exactement ce JSON</translation>
    </message>
    <message>
        <source>{&quot;hello&quot;: &quot;world&quot;}</source>
        <translation>{&quot;bonjour&quot;: &quot;monde&quot;}</translation>
    </message>
    <message>
        <source>Expires at</source>
        <translation>E&amp;xpire le</translation>
    </message>
    <message>
        <source>New endpoint</source>
        <translation>Nouveau point d’accès</translation>
    </message>
    <message>
        <source>for example api/users</source>
        <translation>par exemple api/users</translation>
    </message>
    <message>
        <source> ms</source>
        <translation> ms</translation>
    </message>
    <message>
        <source>The file to serve or the script to run</source>
        <translation>Le fichier à servir ou le script à exécuter</translation>
    </message>
    <message>
        <source>Bro&amp;wse…</source>
        <translation>Parco&amp;urir…</translation>
    </message>
    <message>
        <source>&amp;Path:</source>
        <translation>&amp;Chemin :</translation>
    </message>
    <message>
        <source>&amp;Kind:</source>
        <translation>T&amp;ype :</translation>
    </message>
    <message>
        <source>&amp;Method:</source>
        <translation>&amp;Méthode :</translation>
    </message>
    <message>
        <source>S&amp;tatus code:</source>
        <translation>Code d’é&amp;tat :</translation>
    </message>
    <message>
        <source>&amp;Latency:</source>
        <translation>&amp;Latence :</translation>
    </message>
    <message>
        <source>&amp;Headers:</source>
        <translation>En-tête&amp;s :</translation>
    </message>
    <message>
        <source>Expected &amp;body:</source>
        <translation>Corps atten&amp;du :</translation>
    </message>
    <message>
        <source>&amp;Response:</source>
        <translation>&amp;Réponse :</translation>
    </message>
    <message>
        <source>&amp;Content:</source>
        <translation>C&amp;ontenu :</translation>
    </message>
    <message>
        <source>Expiry:</source>
        <translation>Expiration :</translation>
    </message>
    <message>
        <source>Edit %1</source>
        <translation>Modifier %1</translation>
    </message>
    <message>
        <source>Keep the current content</source>
        <translation>Garder le contenu actuel</translation>
    </message>
    <message>
        <source>Keep %1</source>
        <translation>Garder %1</translation>
    </message>
    <message>
        <source>Python scripts (*.py);;All files (*)</source>
        <translation>Scripts Python (*.py);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>Choose the content</source>
        <translation>Choisir le contenu</translation>
    </message>
    <message>
        <source>Choose the file to serve or the script to run.</source>
        <translation>Choisissez le fichier à servir ou le script à exécuter.</translation>
    </message>
    <message>
        <source>You already have an endpoint at this path and method.</source>
        <translation>Vous avez déjà un point d’accès avec ce chemin et cette méthode.</translation>
    </message>
    <message>
        <source>Please correct:
%1</source>
        <translation>Veuillez corriger :
%1</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Enregistrement…</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>Enregistre&amp;r</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1 : %2</translation>
    </message>
    <message>
        <source>F&amp;ormat JSON</source>
        <translation>Mettre en &amp;forme le JSON</translation>
    </message>
    <message>
        <source>Scr&amp;ipt:</source>
        <translation>Scr&amp;ipt :</translation>
    </message>
    <message>
        <source>Could not write the script to a temporary file.</source>
        <translation>Impossible d’écrire le script dans un fichier temporaire.</translation>
    </message>
    <message>
        <source>Mock:</source>
        <translation>Mock :</translation>
    </message>
    <message>
        <source>Or write the script here; it replaces the file.</source>
        <translation>Ou écrivez le script ici ; il remplace le fichier.</translation>
    </message>
    <message>
        <source>Loading the current script…</source>
        <translation>Chargement du script actuel…</translation>
    </message>
    <message>
        <source>Could not load the current script: %1 The stored script stays unless you write or choose a new one.</source>
        <translation>Impossible de charger le script actuel : %1 Le script enregistré reste tant que vous n’en écrivez ou n’en choisissez pas un nouveau.</translation>
    </message>
</context>
<context>
    <name>depot::EndpointTexts</name>
    <message>
        <source>JSON mock</source>
        <translation>Mock JSON</translation>
    </message>
    <message>
        <source>Static file</source>
        <translation>Fichier statique</translation>
    </message>
    <message>
        <source>Python script</source>
        <translation>Script Python</translation>
    </message>
    <message>
        <source>Path</source>
        <translation>Chemin</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>Méthode</translation>
    </message>
    <message>
        <source>Status code</source>
        <translation>Code d’état</translation>
    </message>
    <message>
        <source>Latency</source>
        <translation>Latence</translation>
    </message>
    <message>
        <source>Headers</source>
        <translation>En-têtes</translation>
    </message>
    <message>
        <source>Expected body</source>
        <translation>Corps attendu</translation>
    </message>
    <message>
        <source>Response</source>
        <translation>Réponse</translation>
    </message>
    <message>
        <source>Content</source>
        <translation>Contenu</translation>
    </message>
    <message>
        <source>Expiry</source>
        <translation>Expiration</translation>
    </message>
</context>
<context>
    <name>depot::EndpointsPage</name>
    <message>
        <source>&amp;New…</source>
        <translation>&amp;Nouveau…</translation>
    </message>
    <message>
        <source>Ed&amp;it…</source>
        <translation>&amp;Modifier…</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>&amp;Supprimer</translation>
    </message>
    <message>
        <source>&amp;Copy URL</source>
        <translation>Copier l’UR&amp;L</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>Actualis&amp;er</translation>
    </message>
    <message>
        <source>Path</source>
        <translation>Chemin</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>Méthode</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>État</translation>
    </message>
    <message>
        <source>Latency</source>
        <translation>Latence</translation>
    </message>
    <message>
        <source>Headers</source>
        <translation>En-têtes</translation>
    </message>
    <message>
        <source>Expires</source>
        <translation>Expire</translation>
    </message>
    <message>
        <source>URL</source>
        <translation>URL</translation>
    </message>
    <message>
        <source>Filter by path, method or URL</source>
        <translation>Filtrer par chemin, méthode ou URL</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>Modifier…</translation>
    </message>
    <message>
        <source>Duplicate…</source>
        <translation>Dupliquer…</translation>
    </message>
    <message>
        <source>Copy URL</source>
        <translation>Copier l’URL</translation>
    </message>
    <message>
        <source>Open in browser</source>
        <translation>Ouvrir dans le navigateur</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Supprimer</translation>
    </message>
    <message>
        <source>Log in to publish mocks, files and scripts.</source>
        <translation>Connectez-vous pour publier des mocks, des fichiers et des scripts.</translation>
    </message>
    <message>
        <source>Could not load the endpoints.</source>
        <translation>Impossible de charger les points d’accès.</translation>
    </message>
    <message>
        <source>No endpoints yet. Create one with New.</source>
        <translation>Aucun point d’accès pour l’instant. Créez-en un avec Nouveau.</translation>
    </message>
    <message numerus="yes">
        <source>%n endpoint(s)</source>
        <translation>
            <numerusform>%n point d’accès</numerusform>
            <numerusform>%n points d’accès</numerusform>
        </translation>
    </message>
    <message>
        <source>by script</source>
        <translation>par le script</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>A script sets its own status code and headers.</source>
        <translation>Un script définit lui-même son code d’état et ses en-têtes.</translation>
    </message>
    <message>
        <source>Saved %1.</source>
        <translation>%1 enregistré.</translation>
    </message>
    <message>
        <source>Delete endpoint</source>
        <translation>Supprimer le point d’accès</translation>
    </message>
    <message>
        <source>Delete %1? Its URL stops working at once.</source>
        <translation>Supprimer %1 ? Son URL cesse aussitôt de fonctionner.</translation>
    </message>
    <message>
        <source>Could not delete %1.</source>
        <translation>Impossible de supprimer %1.</translation>
    </message>
    <message>
        <source>Deleted %1.</source>
        <translation>%1 supprimé.</translation>
    </message>
    <message>
        <source>Copied %1.</source>
        <translation>%1 copié.</translation>
    </message>
    <message>
        <source>&amp;Journal…</source>
        <translation>&amp;Journal…</translation>
    </message>
    <message>
        <source>Try it…</source>
        <translation>Essayer…</translation>
    </message>
</context>
<context>
    <name>depot::FileDownload</name>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>Impossible d’écrire %1 : %2</translation>
    </message>
    <message>
        <source>The download is incomplete: %1 of %2 bytes.</source>
        <translation>Le téléchargement est incomplet : %1 octets sur %2.</translation>
    </message>
</context>
<context>
    <name>depot::JournalView</name>
    <message>
        <source>&amp;Refresh</source>
        <translation>Actualis&amp;er</translation>
    </message>
    <message>
        <source>&amp;Clear journal</source>
        <translation>&amp;Vider le journal</translation>
    </message>
    <message>
        <source>Restart &amp;sequence</source>
        <translation>Relancer la &amp;séquence</translation>
    </message>
    <message>
        <source>&amp;Live</source>
        <translation>En &amp;direct</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Heure</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>Méthode</translation>
    </message>
    <message>
        <source>Path</source>
        <translation>Chemin</translation>
    </message>
    <message>
        <source>Answered by</source>
        <translation>Répondu par</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>État</translation>
    </message>
    <message>
        <source>ms</source>
        <translation>ms</translation>
    </message>
    <message>
        <source>Requests to %1</source>
        <translation>Requêtes vers %1</translation>
    </message>
    <message>
        <source>Requests that matched no endpoint</source>
        <translation>Requêtes sans point d’accès correspondant</translation>
    </message>
    <message>
        <source>Could not load the journal: %1</source>
        <translation>Impossible de charger le journal : %1</translation>
    </message>
    <message>
        <source>The sequence starts again.</source>
        <translation>La séquence recommence.</translation>
    </message>
    <message>
        <source>rule %1</source>
        <translation>règle %1</translation>
    </message>
    <message>
        <source>sequence step %1</source>
        <translation>étape %1 de la séquence</translation>
    </message>
    <message>
        <source>endpoint</source>
        <translation>point d’accès</translation>
    </message>
    <message>
        <source>preflight</source>
        <translation>pré-vérification</translation>
    </message>
    <message>
        <source>no endpoint</source>
        <translation>aucun point d’accès</translation>
    </message>
    <message>
        <source>error</source>
        <translation>erreur</translation>
    </message>
    <message>
        <source>%1 (fault: %2)</source>
        <translation>%1 (panne : %2)</translation>
    </message>
    <message>
        <source>none</source>
        <translation>aucune</translation>
    </message>
    <message numerus="yes">
        <source>%n request(s) kept</source>
        <translation>
            <numerusform>%n requête conservée</numerusform>
            <numerusform>%n requêtes conservées</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>[… cut: %n bytes in all]</source>
        <translation>
            <numerusform>[… tronqué : %n octet en tout]</numerusform>
            <numerusform>[… tronqué : %n octets en tout]</numerusform>
        </translation>
    </message>
    <message>
        <source>From %1, answered by %2 with %3 in %4 ms</source>
        <translation>De %1, répondu par %2 avec %3 en %4 ms</translation>
    </message>
</context>
<context>
    <name>depot::JsonHighlighter</name>
    <message>
        <source>line %1, column %2: %3</source>
        <translation>ligne %1, colonne %2 : %3</translation>
    </message>
</context>
<context>
    <name>depot::LoginDialog</name>
    <message>
        <source>Log in to Depot</source>
        <translation>Connexion à Depot</translation>
    </message>
    <message>
        <source>http://localhost:8080</source>
        <translation>http://localhost:8080</translation>
    </message>
    <message>
        <source>&amp;Server:</source>
        <translation>&amp;Serveur :</translation>
    </message>
    <message>
        <source>&amp;Username:</source>
        <translation>&amp;Nom d’utilisateur :</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>Mot de &amp;passe :</translation>
    </message>
    <message>
        <source>&amp;Log in</source>
        <translation>Se &amp;connecter</translation>
    </message>
    <message>
        <source>Si&amp;gn up</source>
        <translation>Créer un co&amp;mpte</translation>
    </message>
    <message>
        <source>Enter the server address, for example http://localhost:8080.</source>
        <translation>Saisissez l’adresse du serveur, par exemple http://localhost:8080.</translation>
    </message>
    <message>
        <source>Enter your username.</source>
        <translation>Saisissez votre nom d’utilisateur.</translation>
    </message>
    <message>
        <source>Enter your password.</source>
        <translation>Saisissez votre mot de passe.</translation>
    </message>
    <message>
        <source>Logging in…</source>
        <translation>Connexion…</translation>
    </message>
    <message>
        <source>Creating the account…</source>
        <translation>Création du compte…</translation>
    </message>
    <message>
        <source>Cannot reach the server.</source>
        <translation>Le serveur est injoignable.</translation>
    </message>
    <message>
        <source>Wrong username or password.</source>
        <translation>Nom d’utilisateur ou mot de passe incorrect.</translation>
    </message>
    <message>
        <source>Too many failed attempts. Wait a moment and try again.</source>
        <translation>Trop d’échecs. Patientez un instant et réessayez.</translation>
    </message>
    <message>
        <source>This username is already taken.</source>
        <translation>Ce nom d’utilisateur est déjà pris.</translation>
    </message>
    <message>
        <source>The server did not accept this username. Use 3 to 32 characters: letters, digits and . _ ~ - &apos; ; = ( ) *, starting with a letter or digit.</source>
        <translation>Le serveur n’accepte pas ce nom d’utilisateur. Utilisez 3 à 32 caractères : lettres, chiffres et . _ ~ - &apos; ; = ( ) *, en commençant par une lettre ou un chiffre.</translation>
    </message>
    <message>
        <source>The server did not accept this password. Use at least 8 characters.</source>
        <translation>Le serveur n’accepte pas ce mot de passe. Utilisez au moins 8 caractères.</translation>
    </message>
    <message>
        <source>The server refused this username or password.</source>
        <translation>Le serveur a refusé ce nom d’utilisateur ou ce mot de passe.</translation>
    </message>
    <message>
        <source>&amp;Remember me on this computer</source>
        <translation>Mémo&amp;riser sur cet ordinateur</translation>
    </message>
    <message>
        <source>The password goes to the system keychain, never to a file.</source>
        <translation>Le mot de passe va dans le trousseau du système, jamais dans un fichier.</translation>
    </message>
    <message>
        <source>Certificate changed</source>
        <translation>Certificat modifié</translation>
    </message>
    <message>
        <source>The certificate of %1 is not the one you trusted. The connection was refused: someone may be intercepting it.</source>
        <translation>Le certificat de %1 n’est pas celui auquel vous avez fait confiance. La connexion a été refusée : quelqu’un l’intercepte peut-être.</translation>
    </message>
    <message>
        <source>Trusted SHA-256 fingerprint:
%1

New SHA-256 fingerprint:
%2

Trust the new certificate only if the server&apos;s administrator confirms that they replaced it and that its fingerprint is the new one above.</source>
        <translation>Empreinte SHA-256 de confiance :
%1

Nouvelle empreinte SHA-256 :
%2

Ne faites confiance au nouveau certificat que si l’administrateur du serveur confirme l’avoir remplacé et que son empreinte est la nouvelle ci-dessus.</translation>
    </message>
    <message>
        <source>Trust the &amp;new certificate</source>
        <translation>Faire confiance au &amp;nouveau certificat</translation>
    </message>
    <message>
        <source>Untrusted certificate</source>
        <translation>Certificat non approuvé</translation>
    </message>
    <message>
        <source>The certificate of %1 is not trusted:</source>
        <translation>Le certificat de %1 n’est pas approuvé :</translation>
    </message>
    <message>
        <source>SHA-256 fingerprint:
%1

Trust it only if the server&apos;s administrator confirms this fingerprint. Depot remembers it for this server and refuses the server if its certificate changes.</source>
        <translation>Empreinte SHA-256 :
%1

Ne lui faites confiance que si l’administrateur du serveur confirme cette empreinte. Depot la retient pour ce serveur et refuse le serveur si son certificat change.</translation>
    </message>
    <message>
        <source>&amp;Trust this certificate</source>
        <translation>&amp;Faire confiance à ce certificat</translation>
    </message>
</context>
<context>
    <name>depot::MainWindow</name>
    <message>
        <source>Depot</source>
        <translation>Depot</translation>
    </message>
    <message>
        <source>&amp;Account</source>
        <translation>C&amp;ompte</translation>
    </message>
    <message>
        <source>&amp;Endpoints</source>
        <translation>Points d’&amp;accès</translation>
    </message>
    <message>
        <source>&amp;Share</source>
        <translation>Pa&amp;rtager</translation>
    </message>
    <message>
        <source>Do&amp;wnload</source>
        <translation>&amp;Télécharger</translation>
    </message>
    <message>
        <source>D&amp;umps</source>
        <translation>D&amp;umps</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Fichier</translation>
    </message>
    <message>
        <source>&amp;Log in…</source>
        <translation>Se &amp;connecter…</translation>
    </message>
    <message>
        <source>Log &amp;out</source>
        <translation>Se &amp;déconnecter</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Quitter</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>A&amp;ide</translation>
    </message>
    <message>
        <source>&amp;About Depot…</source>
        <translation>À &amp;propos de Depot…</translation>
    </message>
    <message>
        <source>Your session has expired or you logged in elsewhere. Log in again.</source>
        <translation>Votre session a expiré ou vous vous êtes connecté ailleurs. Reconnectez-vous.</translation>
    </message>
    <message>
        <source>About Depot</source>
        <translation>À propos de Depot</translation>
    </message>
    <message>
        <source>&lt;b&gt;Depot %1&lt;/b&gt;</source>
        <translation>&lt;b&gt;Depot %1&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Content at URLs: mock endpoints, files and scripts, one-time file drops and image dumps.&lt;br&gt;Built with Qt %1.</source>
        <translation>Du contenu à des URL : points d’accès simulés, fichiers et scripts, dépôts de fichiers à usage unique et dumps d’images.&lt;br&gt;Compilé avec Qt %1.</translation>
    </message>
    <message>
        <source>%1 on %2</source>
        <translation>%1 sur %2</translation>
    </message>
    <message>
        <source>Not logged in</source>
        <translation>Non connecté</translation>
    </message>
    <message>
        <source>Not logged in (%1)</source>
        <translation>Non connecté (%1)</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>&amp;Paramètres…</translation>
    </message>
    <message>
        <source>Shared %1</source>
        <translation>%1 partagé</translation>
    </message>
    <message>
        <source>The link is ready.</source>
        <translation>Le lien est prêt.</translation>
    </message>
    <message>
        <source>Downloaded</source>
        <translation>Téléchargé</translation>
    </message>
    <message>
        <source>Your session ends in a minute. Log in again to continue.</source>
        <translation>Votre session se termine dans une minute. Reconnectez-vous pour continuer.</translation>
    </message>
</context>
<context>
    <name>depot::MockOptions</name>
    <message>
        <source>Template: placeholders in the answer</source>
        <translation>Modèle : espaces réservés dans la réponse</translation>
    </message>
    <message>
        <source>Placeholders…</source>
        <translation>Espaces réservés…</translation>
    </message>
    <message>
        <source>Answers in turn, e.g. [{&quot;status_code&quot;: 503}, {&quot;response&quot;: {&quot;ok&quot;: true}}]</source>
        <translation>Réponses à tour de rôle, par ex. [{&quot;status_code&quot;: 503}, {&quot;response&quot;: {&quot;ok&quot;: true}}]</translation>
    </message>
    <message>
        <source>then repeat the last</source>
        <translation>puis répéter la dernière</translation>
    </message>
    <message>
        <source>then start again</source>
        <translation>puis recommencer</translation>
    </message>
    <message>
        <source>none</source>
        <translation>aucune</translation>
    </message>
    <message>
        <source>reset the connection</source>
        <translation>réinitialiser la connexion</translation>
    </message>
    <message>
        <source>close without an answer</source>
        <translation>fermer sans réponse</translation>
    </message>
    <message>
        <source>send the body slowly</source>
        <translation>envoyer le corps lentement</translation>
    </message>
    <message>
        <source> bytes/s</source>
        <translation> octets/s</translation>
    </message>
    <message>
        <source> ms</source>
        <translation> ms</translation>
    </message>
    <message>
        <source>fixed</source>
        <translation>fixe</translation>
    </message>
    <message>
        <source>Rules:</source>
        <translation>Règles :</translation>
    </message>
    <message>
        <source>Sequence:</source>
        <translation>Séquence :</translation>
    </message>
    <message>
        <source>Fault:</source>
        <translation>Panne :</translation>
    </message>
    <message>
        <source>Latency up to:</source>
        <translation>Latence jusqu’à :</translation>
    </message>
    <message>
        <source>a JSON list of answers</source>
        <translation>une liste JSON de réponses</translation>
    </message>
    <message>
        <source>Template placeholders</source>
        <translation>Espaces réservés du modèle</translation>
    </message>
    <message>
        <source>Placeholder</source>
        <translation>Espace réservé</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Valeur</translation>
    </message>
    <message>
        <source>Values are JSON-escaped inside JSON answers. A placeholder that is not in this list is refused when you save.</source>
        <translation>Dans les réponses JSON, les valeurs sont échappées en JSON. Un espace réservé absent de cette liste est refusé à l’enregistrement.</translation>
    </message>
    <message>
        <source>as my account&apos;s default</source>
        <translation>selon le réglage par défaut de mon compte</translation>
    </message>
    <message>
        <source>answer preflights and add CORS headers</source>
        <translation>répondre aux preflights et ajouter les en-têtes CORS</translation>
    </message>
    <message>
        <source>no CORS</source>
        <translation>pas de CORS</translation>
    </message>
    <message>
        <source>The account&apos;s default is set on the Account page.</source>
        <translation>Le réglage par défaut du compte se choisit sur la page « Compte ».</translation>
    </message>
    <message>
        <source>CORS:</source>
        <translation>CORS :</translation>
    </message>
</context>
<context>
    <name>depot::QuotaWidget</name>
    <message>
        <source>%1 / %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <source>%1 of %2 requests used this hour, %3 remaining</source>
        <translation>%1 requêtes sur %2 utilisées cette heure-ci, %3 restantes</translation>
    </message>
    <message>
        <source>Resets at %1</source>
        <translation>Réinitialisé à %1</translation>
    </message>
    <message>
        <source>No requests counted yet</source>
        <translation>Aucune requête comptée pour l’instant</translation>
    </message>
    <message>
        <source>Quota unknown</source>
        <translation>Quota inconnu</translation>
    </message>
</context>
<context>
    <name>depot::RequestError</name>
    <message>
        <source>The server sent an unexpected answer.</source>
        <translation>Le serveur a envoyé une réponse inattendue.</translation>
    </message>
    <message numerus="yes">
        <source>The server did not answer within %n second(s). It may be overloaded or unreachable; try again later.</source>
        <translation>
            <numerusform>Le serveur n’a pas répondu en %n seconde. Il est peut-être surchargé ou injoignable ; réessayez plus tard.</numerusform>
            <numerusform>Le serveur n’a pas répondu en %n secondes. Il est peut-être surchargé ou injoignable ; réessayez plus tard.</numerusform>
        </translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>Annulé.</translation>
    </message>
    <message>
        <source>The server rejected the request as malformed.</source>
        <translation>Le serveur a rejeté la requête comme mal formée.</translation>
    </message>
    <message>
        <source>Your login is no longer valid. Log in again.</source>
        <translation>Votre connexion n’est plus valide. Reconnectez-vous.</translation>
    </message>
    <message>
        <source>You are not allowed to do this.</source>
        <translation>Vous n’avez pas le droit de faire cela.</translation>
    </message>
    <message>
        <source>It does not exist (any more).</source>
        <translation>Cela n’existe pas (ou plus).</translation>
    </message>
    <message>
        <source>The server does not allow this here.</source>
        <translation>Le serveur ne le permet pas ici.</translation>
    </message>
    <message>
        <source>The request took too long to arrive at the server.</source>
        <translation>La requête a mis trop de temps à parvenir au serveur.</translation>
    </message>
    <message>
        <source>It already exists.</source>
        <translation>Cela existe déjà.</translation>
    </message>
    <message>
        <source>It is gone: used up, expired or deleted.</source>
        <translation>Ce n’est plus disponible : épuisé, expiré ou supprimé.</translation>
    </message>
    <message>
        <source>It is too large for the server.</source>
        <translation>C’est trop volumineux pour le serveur.</translation>
    </message>
    <message>
        <source>The server does not accept this type of file.</source>
        <translation>Le serveur n’accepte pas ce type de fichier.</translation>
    </message>
    <message>
        <source>The server did not accept the input.</source>
        <translation>Le serveur n’a pas accepté la saisie.</translation>
    </message>
    <message numerus="yes">
        <source>Too many requests. Try again in %n second(s).</source>
        <translation>
            <numerusform>Trop de requêtes. Réessayez dans %n seconde.</numerusform>
            <numerusform>Trop de requêtes. Réessayez dans %n secondes.</numerusform>
        </translation>
    </message>
    <message>
        <source>Too many requests. Try again later.</source>
        <translation>Trop de requêtes. Réessayez plus tard.</translation>
    </message>
    <message>
        <source>The server could not reach the site it needed.</source>
        <translation>Le serveur n’a pas pu joindre le site dont il avait besoin.</translation>
    </message>
    <message>
        <source>The server is busy or shutting down. Try again in a moment.</source>
        <translation>Le serveur est occupé ou s’arrête. Réessayez dans un instant.</translation>
    </message>
    <message>
        <source>The server&apos;s disk is full.</source>
        <translation>Le disque du serveur est plein.</translation>
    </message>
    <message>
        <source>The server failed (HTTP %1).</source>
        <translation>Le serveur a échoué (HTTP %1).</translation>
    </message>
    <message>
        <source>The request failed (HTTP %1).</source>
        <translation>La requête a échoué (HTTP %1).</translation>
    </message>
    <message>
        <source>The server&apos;s certificate has changed since you trusted it, so the connection was refused: someone may be intercepting it. Ask the server&apos;s administrator whether the certificate was replaced; its new SHA-256 fingerprint is %1.</source>
        <translation>Le certificat du serveur a changé depuis que vous lui avez fait confiance, la connexion a donc été refusée : quelqu’un l’intercepte peut-être. Demandez à l’administrateur du serveur si le certificat a été remplacé ; sa nouvelle empreinte SHA-256 est %1.</translation>
    </message>
    <message>
        <source>The server&apos;s certificate is not trusted. %1</source>
        <translation>Le certificat du serveur n’est pas approuvé. %1</translation>
    </message>
</context>
<context>
    <name>depot::RulesEditor</name>
    <message>
        <source>&amp;Add rule</source>
        <translation>&amp;Ajouter une règle</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Retirer</translation>
    </message>
    <message>
        <source>Up</source>
        <translation>Monter</translation>
    </message>
    <message>
        <source>Down</source>
        <translation>Descendre</translation>
    </message>
    <message>
        <source>{&quot;id&quot;: &quot;42&quot;, &quot;q&quot;: {&quot;regex&quot;: &quot;^a&quot;}}</source>
        <translation>{&quot;id&quot;: &quot;42&quot;, &quot;q&quot;: {&quot;regex&quot;: &quot;^a&quot;}}</translation>
    </message>
    <message>
        <source>{&quot;X-Env&quot;: &quot;test&quot;}</source>
        <translation>{&quot;X-Env&quot;: &quot;test&quot;}</translation>
    </message>
    <message>
        <source>{&quot;user.role&quot;: &quot;admin&quot;}</source>
        <translation>{&quot;user.role&quot;: &quot;admin&quot;}</translation>
    </message>
    <message>
        <source>{&quot;error&quot;: &quot;no such user&quot;}</source>
        <translation>{&quot;error&quot;: &quot;utilisateur inconnu&quot;}</translation>
    </message>
    <message>
        <source>any, or e.g. GET,POST</source>
        <translation>toutes, ou par ex. GET,POST</translation>
    </message>
    <message>
        <source>none</source>
        <translation>aucune</translation>
    </message>
    <message>
        <source>When method is:</source>
        <translation>Si la méthode est :</translation>
    </message>
    <message>
        <source>and query:</source>
        <translation>et la requête (query) :</translation>
    </message>
    <message>
        <source>and headers:</source>
        <translation>et les en-têtes :</translation>
    </message>
    <message>
        <source>and JSON body:</source>
        <translation>et le corps JSON :</translation>
    </message>
    <message>
        <source>and body contains:</source>
        <translation>et le corps contient :</translation>
    </message>
    <message>
        <source>answer status:</source>
        <translation>répondre avec l’état :</translation>
    </message>
    <message>
        <source>with JSON:</source>
        <translation>avec le JSON :</translation>
    </message>
    <message>
        <source>or fault:</source>
        <translation>ou la panne :</translation>
    </message>
    <message>
        <source>%1. %2 → %3</source>
        <translation>%1. %2 → %3</translation>
    </message>
    <message>
        <source>always</source>
        <translation>toujours</translation>
    </message>
    <message>
        <source>not valid JSON</source>
        <translation>JSON non valide</translation>
    </message>
</context>
<context>
    <name>depot::SettingsDialog</name>
    <message>
        <source>Offer to remember &amp;logins in the system keychain</source>
        <translation>Proposer de retenir les &amp;connexions dans le trousseau du système</translation>
    </message>
    <message>
        <source>&amp;Copy a new link to the clipboard</source>
        <translation>Co&amp;pier un nouveau lien dans le presse-papiers</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Paramètres</translation>
    </message>
    <message>
        <source>System language</source>
        <translation>Langue du système</translation>
    </message>
    <message>
        <source>The folder used last</source>
        <translation>Le dernier dossier utilisé</translation>
    </message>
    <message>
        <source>Bro&amp;wse…</source>
        <translation>Parco&amp;urir…</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>&amp;Server:</source>
        <translation>&amp;Serveur :</translation>
    </message>
    <message>
        <source>L&amp;anguage:</source>
        <translation>&amp;Langue :</translation>
    </message>
    <message>
        <source>&amp;Download folder:</source>
        <translation>Dossier de &amp;téléchargement :</translation>
    </message>
    <message>
        <source>&amp;Timeout:</source>
        <translation>&amp;Délai d’attente :</translation>
    </message>
    <message>
        <source>A new language applies at the next start.</source>
        <translation>Une nouvelle langue s’applique au prochain démarrage.</translation>
    </message>
    <message>
        <source>Download folder</source>
        <translation>Dossier de téléchargement</translation>
    </message>
    <message>
        <source>Share a dropped file at o&amp;nce</source>
        <translation>Partager aussitôt un fichier dépos&amp;é</translation>
    </message>
</context>
<context>
    <name>depot::ShareHistory</name>
    <message>
        <source>File</source>
        <translation>Fichier</translation>
    </message>
    <message>
        <source>State</source>
        <translation>État</translation>
    </message>
    <message>
        <source>Shared</source>
        <translation>Partagé le</translation>
    </message>
    <message>
        <source>Expires</source>
        <translation>Expire</translation>
    </message>
    <message>
        <source>Link</source>
        <translation>Lien</translation>
    </message>
    <message>
        <source>Cop&amp;y link</source>
        <translation>Copier le &amp;lien</translation>
    </message>
    <message>
        <source>Open in &amp;browser</source>
        <translation>Ouvrir dans le navi&amp;gateur</translation>
    </message>
    <message>
        <source>Re&amp;voke…</source>
        <translation>Révo&amp;quer…</translation>
    </message>
    <message>
        <source>Chec&amp;k states</source>
        <translation>&amp;Mettre à jour les états</translation>
    </message>
    <message>
        <source>My shared links</source>
        <translation>Mes liens partagés</translation>
    </message>
    <message>
        <source>Available</source>
        <translation>Disponible</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>Vérification…</translation>
    </message>
    <message>
        <source>Available (password)</source>
        <translation>Disponible (mot de passe)</translation>
    </message>
    <message>
        <source>Revoked or removed</source>
        <translation>Révoqué ou supprimé</translation>
    </message>
    <message>
        <source>Used up or expired</source>
        <translation>Épuisé ou expiré</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>Inconnu</translation>
    </message>
    <message>
        <source>The link is on the clipboard.</source>
        <translation>Le lien est dans le presse-papiers.</translation>
    </message>
    <message>
        <source>Revoke link</source>
        <translation>Révoquer le lien</translation>
    </message>
    <message>
        <source>Revoke the link to %1? It stops working at once for everyone who has it.</source>
        <translation>Révoquer le lien vers %1 ? Il cesse aussitôt de fonctionner pour tous ceux qui l’ont.</translation>
    </message>
    <message>
        <source>&amp;Revoke</source>
        <translation>Révo&amp;quer</translation>
    </message>
    <message>
        <source>Could not revoke the link to %1.</source>
        <translation>Impossible de révoquer le lien vers %1.</translation>
    </message>
    <message>
        <source>Revoked</source>
        <translation>Révoqué</translation>
    </message>
    <message>
        <source>The link to %1 no longer works.</source>
        <translation>Le lien vers %1 ne fonctionne plus.</translation>
    </message>
    <message>
        <source>Not checked</source>
        <translation>Non vérifié</translation>
    </message>
</context>
<context>
    <name>depot::SharePage</name>
    <message>
        <source>Ch&amp;oose…</source>
        <translation>Choi&amp;sir…</translation>
    </message>
    <message>
        <source>Sha&amp;re</source>
        <translation>En&amp;voyer</translation>
    </message>
    <message>
        <source>Ca&amp;ncel</source>
        <translation>Annul&amp;er</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>&amp;Copier</translation>
    </message>
    <message>
        <source>The file to share</source>
        <translation>Le fichier à partager</translation>
    </message>
    <message>
        <source>Optional</source>
        <translation>Facultatif</translation>
    </message>
    <message>
        <source>How many times the link can be downloaded (at most %1).</source>
        <translation>Combien de fois le lien peut être téléchargé (au plus %1).</translation>
    </message>
    <message>
        <source>Server default</source>
        <translation>Valeur du serveur</translation>
    </message>
    <message>
        <source>1 hour</source>
        <translation>1 heure</translation>
    </message>
    <message>
        <source>1 day</source>
        <translation>1 jour</translation>
    </message>
    <message>
        <source>7 days</source>
        <translation>7 jours</translation>
    </message>
    <message>
        <source>F&amp;ile:</source>
        <translation>Fic&amp;hier :</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>Mot de &amp;passe :</translation>
    </message>
    <message>
        <source>&amp;Downloads:</source>
        <translation>&amp;Nombre de téléchargements :</translation>
    </message>
    <message>
        <source>E&amp;xpires after:</source>
        <translation>E&amp;xpire après :</translation>
    </message>
    <message>
        <source>Drop a file here to share it for one download.</source>
        <translation>Déposez un fichier ici pour le partager pour un téléchargement.</translation>
    </message>
    <message numerus="yes">
        <source>Drop a file here to share it for %n download(s).</source>
        <translation>
            <numerusform>Déposez un fichier ici pour le partager pour %n téléchargement.</numerusform>
            <numerusform>Déposez un fichier ici pour le partager pour %n téléchargements.</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Choose a file to share</source>
        <translation>Choisir un fichier à partager</translation>
    </message>
    <message>
        <source>Choose a file first, or drop one onto the window.</source>
        <translation>Choisissez d’abord un fichier, ou déposez-en un sur la fenêtre.</translation>
    </message>
    <message>
        <source>Choose a server first (File › Log in).</source>
        <translation>Choisissez d’abord un serveur (Fichier › Se connecter).</translation>
    </message>
    <message>
        <source>Uploading %1…</source>
        <translation>Envoi de %1…</translation>
    </message>
    <message>
        <source>Uploading %1… %2</source>
        <translation>Envoi de %1… %2</translation>
    </message>
    <message>
        <source>The upload was cancelled. Nothing was shared.</source>
        <translation>L’envoi a été annulé. Rien n’a été partagé.</translation>
    </message>
    <message>
        <source>The file is too large: this server accepts files up to %1.</source>
        <translation>Le fichier est trop volumineux : ce serveur accepte des fichiers jusqu’à %1.</translation>
    </message>
    <message>
        <source>The file is too large for this server.</source>
        <translation>Le fichier est trop volumineux pour ce serveur.</translation>
    </message>
    <message>
        <source>Sharing failed.</source>
        <translation>Le partage a échoué.</translation>
    </message>
    <message>
        <source>The link works once.</source>
        <translation>Le lien fonctionne une fois.</translation>
    </message>
    <message numerus="yes">
        <source>The link works for %n download(s).</source>
        <translation>
            <numerusform>Le lien fonctionne pour %n téléchargement.</numerusform>
            <numerusform>Le lien fonctionne pour %n téléchargements.</numerusform>
        </translation>
    </message>
    <message>
        <source>Anyone who has it can download the file.</source>
        <translation>Toute personne qui l’a peut télécharger le fichier.</translation>
    </message>
    <message>
        <source>It asks for the password.</source>
        <translation>Il demande le mot de passe.</translation>
    </message>
    <message>
        <source>It expires at %1.</source>
        <translation>Il expire le %1.</translation>
    </message>
    <message>
        <source>The link is on the clipboard.</source>
        <translation>Le lien est dans le presse-papiers.</translation>
    </message>
</context>
<context>
    <name>depot::ShareUpload</name>
    <message>
        <source>no link</source>
        <translation>aucun lien</translation>
    </message>
</context>
<context>
    <name>depot::TlsTrust</name>
    <message>
        <source>The certificate is self-signed: no certificate authority vouches for it.</source>
        <translation>Le certificat est auto-signé : aucune autorité de certification ne s’en porte garante.</translation>
    </message>
    <message>
        <source>The certificate was issued by an authority this computer does not trust.</source>
        <translation>Le certificat a été émis par une autorité à laquelle cet ordinateur ne fait pas confiance.</translation>
    </message>
    <message>
        <source>The certificate was made for another server name.</source>
        <translation>Le certificat a été établi pour un autre nom de serveur.</translation>
    </message>
    <message>
        <source>The certificate was made for %1, not for this server&apos;s name.</source>
        <translation>Le certificat a été établi pour %1, pas pour le nom de ce serveur.</translation>
    </message>
    <message>
        <source>The certificate expired on %1.</source>
        <translation>Le certificat a expiré le %1.</translation>
    </message>
    <message>
        <source>The certificate is not valid before %1.</source>
        <translation>Le certificat n’est pas valide avant le %1.</translation>
    </message>
    <message>
        <source>The certificate has been revoked.</source>
        <translation>Le certificat a été révoqué.</translation>
    </message>
    <message>
        <source>The certificate&apos;s signature is not valid.</source>
        <translation>La signature du certificat n’est pas valide.</translation>
    </message>
    <message>
        <source>The server sent no certificate.</source>
        <translation>Le serveur n’a envoyé aucun certificat.</translation>
    </message>
    <message>
        <source>The certificate was refused (%1).</source>
        <translation>Le certificat a été refusé (%1).</translation>
    </message>
</context>
<context>
    <name>depot::TransferMeter</name>
    <message>
        <source>%1 of %2</source>
        <translation>%1 sur %2</translation>
    </message>
    <message>
        <source>%1/s</source>
        <translation>%1/s</translation>
    </message>
    <message numerus="yes">
        <source>%n second(s) left</source>
        <translation>
            <numerusform>encore %n seconde</numerusform>
            <numerusform>encore %n secondes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n minute(s) left</source>
        <translation>
            <numerusform>encore %n minute</numerusform>
            <numerusform>encore %n minutes</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>depot::TryItPanel</name>
    <message>
        <source>&amp;Send</source>
        <translation>&amp;Envoyer</translation>
    </message>
    <message>
        <source>id=42&amp;q=abc</source>
        <translation>id=42&amp;q=abc</translation>
    </message>
    <message>
        <source>One per line: X-Env: test</source>
        <translation>Un par ligne : X-Env: test</translation>
    </message>
    <message>
        <source>Query:</source>
        <translation>Requête (query) :</translation>
    </message>
    <message>
        <source>Headers:</source>
        <translation>En-têtes :</translation>
    </message>
    <message>
        <source>Body:</source>
        <translation>Corps :</translation>
    </message>
    <message>
        <source>Not a URL</source>
        <translation>Ce n’est pas une URL</translation>
    </message>
    <message>
        <source>Sending…</source>
        <translation>Envoi…</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>No answer: %1</source>
        <translation>Pas de réponse : %1</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
</context>
<context>
    <name>depot::UploadForm</name>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>Impossible de lire %1 : %2</translation>
    </message>
</context>
</TS>
