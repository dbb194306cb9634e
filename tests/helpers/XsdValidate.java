import java.io.InputStream;
import java.net.URL;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXParseException;

/**
 * Validates the XML documents named on the command line against an XML Schema kept inside a jar
 * (its imports resolved beside it in the same jar): `java XsdValidate.java JAR SCHEMA FILE...`.
 * Prints one line per problem ("FILE:LINE:COLUMN: message") and exits 1 when there was any.
 */
public class XsdValidate {
  public static void main(String[] args) throws Exception {
    SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
    // the schemas come from the jar only: nothing is fetched from the network
    factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "jar,file");
    var schema = factory.newSchema(new URL("jar:file:" + args[0] + "!/" + args[1]));
    int problems = 0;
    for (int i = 2; i < args.length; i++) {
      String file = args[i];
      int[] count = {0};
      Validator validator = schema.newValidator();
      validator.setErrorHandler(new ErrorHandler() {
        private void report(SAXParseException e) {
          System.out.println(file + ":" + e.getLineNumber() + ":" + e.getColumnNumber() + ": " + e.getMessage());
          count[0]++;
        }
        public void warning(SAXParseException e) {}
        public void error(SAXParseException e) { report(e); }
        public void fatalError(SAXParseException e) { report(e); }
      });
      try (InputStream in = new java.io.FileInputStream(file)) {
        validator.validate(new StreamSource(in, file));
      } catch (SAXParseException e) {
        // already reported by the handler
      }
      problems += count[0];
    }
    System.exit(problems == 0 ? 0 : 1);
  }
}
