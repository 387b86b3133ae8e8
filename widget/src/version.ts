/** The widget's version (kept equal to package.json by the build). Used to spot two different copies. */
export const WIDGET_VERSION = '0.1.0';
