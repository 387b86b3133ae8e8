/**
 * French: one string per line, in the order of the keys in en.ts (widget/test/i18n.test.ts checks
 * the count and the placeholders). Lines, not an object, because key names would cost bundle bytes.
 */
export const fr = `Entretien vocal
Recruteur simulé
Parlez avec un recruteur IA au micro, ou tapez vos réponses. Vous recevez un retour à la fin.
Prêt quand vous l’êtes
Connexion…
Fin de l’entretien, préparation de votre retour…
Le recruteur parle
Micro coupé : tapez votre réponse
À l’écoute
Connexion perdue, reconnexion…
Entretien terminé
Entretien interrompu
Commencer l’entretien
Tester le micro
Continuer au clavier
Couper le micro
Activer le micro
Terminer l’entretien
Tapez votre réponse
Tapez votre réponse…
Envoyer
Le recruteur va commencer dans un instant.
Transcription
Vous
Recruteur
Question {0} sur {1}
encore {0}
Temps restant
Répéter
Passer
J’ai fini
Je vous écoute toujours, prenez votre temps.
Le recruteur a perdu la connexion un instant. Reconnexion…
Le recruteur est de retour. Reprenez où vous en étiez.
Un moment de votre audio n’est pas arrivé. Répétez peut-être votre dernière phrase.
Vos réponses n’ont pas pu être notées cette fois ; la transcription est conservée.
Plus qu’une minute. Commencez à conclure votre réponse.
Le temps est écoulé. Le recruteur conclut.
Le service d’entretien redémarre. Reconnexion… ; votre entretien est enregistré.
Le recruteur a perdu la conversation. Continuer à partir de la transcription actuelle ?
Testez votre micro
Autorisez le micro quand le navigateur le demande, puis dites quelques mots.
Nous ne vous entendons pas encore. Parlez plus fort ou choisissez un autre micro.
Nous vous entendons.
Niveau du micro
Micro
Tester le haut-parleur
Astuce : utilisez un casque pour que le recruteur ne s’entende pas lui-même.
Continuer
Annuler
Avant de commencer
Votre voix et vos réponses tapées partent de cette page vers le service d’entretien, qui les transmet à Google Gemini pour faire parler le recruteur et rédiger votre retour. Le service n’enregistre pas votre audio ; il garde la transcription seulement pour la session et votre rapport.
J’accepte, commencer
Pas maintenant
Rien n’a été lancé ni envoyé.
L’accès au micro est bloqué
Autorisez le micro pour ce site (l’icône dans la barre d’adresse), puis réessayez. Vous pouvez aussi répondre au clavier.
Aucun micro trouvé
Branchez un micro ou un casque et réessayez, ou continuez au clavier.
Le micro est occupé
Une autre application l’utilise peut-être. Fermez-la et réessayez, ou répondez au clavier.
L’audio n’est pas disponible ici
Ce navigateur ne peut pas lire l’audio de l’entretien. Essayez une version récente de Chrome, Edge, Firefox ou Safari.
Le service d’entretien est injoignable
Vérifiez votre connexion. Un réseau d’entreprise ou d’école peut bloquer le service. Puis réessayez.
Cet entretien n’existe pas
La page demande un entretien que le service ne connaît pas. Prévenez le responsable du site.
Toutes les places sont prises
Trop d’entretiens sont en cours. Attendez une minute et réessayez.
Trop de tentatives
Attendez une minute avant de lancer un autre entretien.
Ce site ne peut pas utiliser le service
Le service n’accepte pas d’entretiens depuis cette page. Prévenez le responsable du site.
L’entretien n’a pas pu reprendre
Le recruteur n’a plus cette conversation (la pause a été trop longue). Vos réponses sont dans la transcription ; lancez un nouvel entretien pour continuer.
La connexion a été perdue
Impossible de se reconnecter. Vérifiez votre connexion et recommencez.
L’entretien s’est arrêté
Un problème est survenu de notre côté.
Un problème est survenu de notre côté. Veuillez réessayer.
Votre retour
Rapport simulé : les notes viennent de la durée mesurée des réponses, pas d’un modèle d’IA.
Vos réponses n’ont pas pu être notées cette fois. Vos mesures d’élocution et la transcription sont ci-dessous.
Global
sur 100
Notes
Critère
Note
Pourquoi
{0} / 5
poids {0}
Ce que vous avez dit
Citations écartées car absentes de vos réponses : {0}.
Votre élocution
Débit
Mots de remplissage
Plus longue pause
Délai avant le premier mot
Votre part de parole
Questions répondues
{0} sur {1}
{0} passées
{0} à l’oral, {1} au clavier
{0} mots/min
{0} par minute
{0} s
{0} %
non mesuré
objectif : {0}
dans la cible
hors cible
Points forts
À travailler
Question par question
Question {0}
Passée
Pas de réponse
Réponse tapée
{0} de parole
{0} mots
Point fort
Manquait
Essayez
La transcription de cette réponse est bien plus courte que la parole mesurée : des mots ont été perdus à la transcription, sans vous pénaliser.
Cette réponse a été entendue mais pas transcrite ; seule votre élocution a été mesurée.
Télécharger le JSON
Télécharger le Markdown
S’entraîner encore`;
