package dev.tenantmigrator.internal.history;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.LinkedHashMap;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/** Reads what PostgreSQL's {@code query_to_xml} returns. */
final class Xml {

    private Xml() {
    }

    /** Undoes the escaping of text content ({@code &amp;}, {@code &lt;}, ...). */
    static String unescape(String text) {
        if (text.indexOf('&') < 0) {
            return text;
        }
        return text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&apos;", "'")
            .replace("&amp;", "&");
    }

    /** The rows of a {@code <table><row><column>value</column>...</row>...</table>} document, each column by name. */
    static List<Map<String, String>> rows(String xml) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            NodeList rows = factory.newDocumentBuilder().parse(new InputSource(new StringReader(xml)))
                .getDocumentElement().getElementsByTagName("row");
            List<Map<String, String>> result = new ArrayList<>();
            for (int i = 0; i < rows.getLength(); i++) {
                Map<String, String> columns = new LinkedHashMap<>();
                NodeList children = rows.item(i).getChildNodes();
                for (int j = 0; j < children.getLength(); j++) {
                    if (children.item(j).getNodeType() == Node.ELEMENT_NODE) {
                        Element column = (Element) children.item(j);
                        columns.put(column.getTagName(), column.getTextContent());
                    }
                }
                result.add(columns);
            }
            return result;
        } catch (ParserConfigurationException | SAXException | IOException e) {
            throw new IllegalStateException("PostgreSQL's query_to_xml returned what is not XML", e);
        }
    }
}
