/**
 * German: one string per line, in the order of the keys in en.ts (widget/test/i18n.test.ts checks
 * the count and the placeholders). Lines, not an object, because key names would cost bundle bytes.
 */
export const de = `Sprachinterview
Simulierter Interviewer
Sprechen Sie per Mikrofon mit einem KI-Interviewer oder tippen Sie Ihre Antworten. Am Ende erhalten Sie Feedback.
Bereit, wenn Sie es sind
Verbindung wird aufgebaut…
Das Interview endet, Ihr Feedback wird erstellt…
Der Interviewer spricht
Mikrofon stumm: Antwort eintippen
Hört zu
Verbindung verloren, neuer Versuch…
Interview beendet
Interview abgebrochen
Interview starten
Mikrofon prüfen
Per Tastatur weiter
Mikrofon stumm
Mikrofon an
Interview beenden
Antwort eintippen
Antwort eintippen…
Senden
Der Interviewer beginnt gleich.
Transkript
Sie
Interviewer
Frage {0} von {1}
noch {0}
Verbleibende Zeit
Wiederholen
Überspringen
Fertig
Ich höre noch zu – lassen Sie sich Zeit.
Der Interviewer hat kurz die Verbindung verloren. Neuer Versuch…
Der Interviewer ist zurück. Machen Sie weiter, wo Sie waren.
Ein Stück Ihrer Aufnahme ist nicht angekommen. Wiederholen Sie ggf. Ihren letzten Satz.
Ihre Antworten konnten diesmal nicht bewertet werden; das Transkript bleibt.
Noch eine Minute. Kommen Sie langsam zum Schluss.
Die Zeit ist um. Der Interviewer kommt zum Schluss.
Der Interviewdienst startet neu. Verbindung wird wiederhergestellt; Ihr Interview ist gespeichert…
Der Interviewer hat das Gespräch verloren. Mit dem bisherigen Transkript weitermachen?
Mikrofon prüfen
Erlauben Sie das Mikrofon, wenn der Browser fragt, und sagen Sie ein paar Worte.
Wir hören Sie noch nicht. Sprechen Sie lauter oder wählen Sie ein anderes Mikrofon.
Wir hören Sie.
Mikrofonpegel
Mikrofon
Lautsprecher testen
Tipp: Nutzen Sie Kopfhörer, damit der Interviewer sich nicht selbst hört.
Weiter
Abbrechen
Bevor Sie beginnen
Ihre Stimme und getippten Antworten gehen von dieser Seite an den Interview-Dienst, der sie an Google Gemini weitergibt, um den Interviewer zu betreiben und Ihr Feedback zu schreiben. Der Dienst speichert Ihre Audiodaten nicht; das Transkript behält er nur für die Sitzung und Ihren Bericht.
Einverstanden, starten
Jetzt nicht
Es wurde nichts gestartet oder gesendet.
Der Mikrofonzugriff ist blockiert
Erlauben Sie das Mikrofon für diese Seite (Symbol in der Adressleiste) und versuchen Sie es erneut. Sie können auch tippen.
Kein Mikrofon gefunden
Schließen Sie ein Mikrofon oder Headset an und versuchen Sie es erneut, oder antworten Sie per Tastatur.
Das Mikrofon ist belegt
Eine andere App nutzt es vielleicht. Schließen Sie sie und versuchen Sie es erneut, oder tippen Sie.
Audio ist hier nicht verfügbar
Dieser Browser kann das Interview-Audio nicht abspielen. Nutzen Sie ein aktuelles Chrome, Edge, Firefox oder Safari.
Der Interview-Dienst ist nicht erreichbar
Prüfen Sie Ihre Internetverbindung. Ein Firmen- oder Schulnetz blockiert den Dienst vielleicht. Dann erneut versuchen.
Dieses Interview gibt es nicht
Die Seite fragt nach einem Interview, das der Dienst nicht kennt. Sagen Sie es dem Betreiber der Seite.
Alle Interview-Plätze sind belegt
Gerade laufen zu viele Interviews. Warten Sie eine Minute und versuchen Sie es erneut.
Zu viele Versuche
Warten Sie eine Minute, bevor Sie ein neues Interview starten.
Diese Seite darf den Interview-Dienst nicht nutzen
Der Dienst nimmt von dieser Seite keine Interviews an. Sagen Sie es dem Betreiber.
Das Interview ließ sich nicht fortsetzen
Der Interviewer hat dieses Gespräch nicht mehr (die Pause war zu lang). Ihre bisherigen Antworten stehen im Transkript; starten Sie ein neues Interview.
Die Verbindung ist abgebrochen
Wir konnten sie nicht wiederherstellen. Prüfen Sie Ihre Verbindung und starten Sie neu.
Das Interview wurde abgebrochen
Bei uns ist etwas schiefgegangen.
Bei uns ist etwas schiefgegangen. Bitte versuchen Sie es erneut.
Ihr Feedback
Simulierter Bericht: Die Noten beruhen auf der gemessenen Antwortlänge, nicht auf einem KI-Modell.
Ihre Antworten konnten diesmal nicht bewertet werden. Ihre Sprechwerte und das Transkript stehen unten.
Gesamt
von 100
Bewertung
Kriterium
Note
Warum
{0} / 5
Gewicht {0}
Was Sie gesagt haben
Weggelassene Zitate, die in Ihren Antworten nicht vorkamen: {0}.
Wie Sie gesprochen haben
Tempo
Füllwörter
Längste Pause
Zeit bis zum ersten Wort
Ihr Redeanteil
Beantwortete Fragen
{0} von {1}
{0} übersprungen
{0} gesprochen, {1} getippt
{0} Wörter/min
{0} pro Minute
{0} s
{0} %
nicht gemessen
Ziel: {0}
im Bereich
außerhalb des Bereichs
Stärken
Daran arbeiten
Frage für Frage
Frage {0}
Übersprungen
Keine Antwort
Getippte Antwort
{0} gesprochen
{0} Wörter
Stark
Fehlte
Probieren Sie
Das Transkript dieser Antwort ist viel kürzer als die gemessene Sprechzeit: Einige Wörter gingen bei der Transkription verloren, das wurde Ihnen nicht angerechnet.
Diese Antwort wurde gehört, aber nicht transkribiert; gemessen wurde nur, wie Sie sprachen.
JSON herunterladen
Markdown herunterladen
Nochmal üben`;
