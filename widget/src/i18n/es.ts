/**
 * Spanish: one string per line, in the order of the keys in en.ts (widget/test/i18n.test.ts checks
 * the count and the placeholders). Lines, not an object, because key names would cost bundle bytes.
 */
export const es = `Entrevista por voz
Entrevistador simulado
Habla con un entrevistador de IA por el micrófono o escribe tus respuestas. Al final recibes comentarios.
Listo cuando quieras
Conectando…
Terminando la entrevista y preparando tus comentarios…
El entrevistador está hablando
Micrófono silenciado: escribe tu respuesta
Escuchando
Conexión perdida, reconectando…
Entrevista terminada
Entrevista detenida
Empezar la entrevista
Probar el micrófono
Seguir escribiendo
Silenciar micrófono
Activar micrófono
Terminar la entrevista
Escribe tu respuesta
Escribe tu respuesta…
Enviar
El entrevistador empezará en un momento.
Transcripción
Tú
Entrevistador
Pregunta {0} de {1}
quedan {0}
Tiempo restante
Repetir
Saltar
He terminado
Sigo escuchando, tómate tu tiempo.
El entrevistador perdió la conexión un momento. Reconectando…
El entrevistador ha vuelto. Sigue donde estabas.
Un momento de tu audio no llegó. Quizá quieras repetir tu última frase.
Esta vez no se pudieron puntuar tus respuestas; la transcripción se conserva.
Queda un minuto. Ve cerrando tu respuesta.
Se acabó el tiempo. El entrevistador está cerrando.
El servicio de entrevistas se está reiniciando. Reconectando; tu entrevista está guardada…
El entrevistador perdió la conversación. ¿Continuar desde la transcripción hasta ahora?
Prueba tu micrófono
Permite el micrófono cuando el navegador lo pida y di unas palabras.
Aún no te oímos. Habla más alto o elige otro micrófono.
Te oímos.
Nivel del micrófono
Micrófono
Probar altavoz
Consejo: usa auriculares para que el entrevistador no se oiga a sí mismo.
Continuar
Cancelar
Antes de empezar
Tu voz y tus respuestas escritas van de esta página al servicio de entrevistas, que las pasa a Google Gemini para hacer de entrevistador y escribir tus comentarios. El servicio no guarda tu audio; conserva la transcripción solo durante la sesión y para tu informe.
Acepto, empezar
Ahora no
No se ha iniciado ni enviado nada.
El acceso al micrófono está bloqueado
Permite el micrófono para este sitio (el icono de la barra de direcciones) y vuelve a intentarlo. También puedes escribir.
No se encontró ningún micrófono
Conecta un micrófono o auriculares y vuelve a intentarlo, o continúa escribiendo.
El micrófono está ocupado
Quizá otra aplicación lo usa. Ciérrala y vuelve a intentarlo, o escribe tus respuestas.
El audio no está disponible aquí
Este navegador no puede reproducir el audio de la entrevista. Usa una versión actual de Chrome, Edge, Firefox o Safari.
No se puede contactar con el servicio
Comprueba tu conexión. Una red de trabajo o de centro educativo puede bloquear el servicio. Después, vuelve a intentarlo.
Esta entrevista no existe
La página pidió una entrevista que el servicio no conoce. Avisa al responsable del sitio.
Todas las plazas están ocupadas
Hay demasiadas entrevistas en curso. Espera un minuto y vuelve a intentarlo.
Demasiados intentos
Espera un minuto antes de empezar otra entrevista.
Este sitio no puede usar el servicio
El servicio no acepta entrevistas desde esta página. Avisa al responsable del sitio.
No se pudo retomar la entrevista
El entrevistador ya no tiene esta conversación (la pausa fue demasiado larga). Tus respuestas están en la transcripción; empieza una entrevista nueva para seguir.
Se perdió la conexión
No pudimos reconectar. Comprueba tu conexión y empieza de nuevo.
La entrevista se detuvo
Algo falló por nuestra parte.
Algo falló por nuestra parte. Vuelve a intentarlo.
Tus comentarios
Informe simulado: las notas salen de la duración medida de las respuestas, no de un modelo de IA.
Esta vez no se pudieron puntuar tus respuestas. Abajo tienes tus datos de expresión y la transcripción.
Global
de 100
Puntuaciones
Criterio
Nota
Por qué
{0} / 5
peso {0}
Lo que dijiste
Citas omitidas porque no aparecen en tus respuestas: {0}.
Cómo hablaste
Ritmo
Muletillas
Pausa más larga
Tiempo hasta la primera palabra
Tu parte del tiempo de habla
Preguntas respondidas
{0} de {1}
{0} saltadas
{0} habladas, {1} escritas
{0} palabras/min
{0} por minuto
{0} s
{0} %
sin medir
objetivo: {0}
en el rango
fuera del rango
Puntos fuertes
A mejorar
Pregunta a pregunta
Pregunta {0}
Saltada
Sin respuesta
Respuesta escrita
{0} de habla
{0} palabras
Bien
Faltó
Prueba esto
La transcripción de esta respuesta es mucho más corta que lo que hablaste: se perdieron palabras al transcribir y no se te penalizó por ello.
Esta respuesta se oyó pero no se transcribió; solo se midió cómo hablaste.
Descargar JSON
Descargar Markdown
Practicar otra vez`;
