"""A handful of short French news articles (written for these tests) and two bad records,
shared by the cluster tests (test_dask.py, test_spark.py)."""

from __future__ import annotations

ARTICLES: list[dict[str, object]] = [
    {"id": "s1", "published": "2023-03-14", "url": "https://example.org/s1",
     "text": "Lundi 13 mars, près de 4 000 enseignants ont manifesté à Astana pour réclamer "
             "une hausse des salaires. La police a arrêté douze personnes devant le ministère "
             "de l'Éducation."},
    {"id": "s2", "published": "2023-03-15",
     "text": "Le président kazakh a reçu mardi son homologue ouzbek à Astana. Les deux "
             "dirigeants ont signé un accord sur le partage de l'eau du Syr-Daria."},
    {"id": "s3", "published": "2023-04-02",
     "text": "## Explosion à Chymkent\n\nUne explosion a tué trois ouvriers et blessé huit "
             "autres samedi dans une usine chimique de Chymkent, selon le parquet."},
    {"id": "bad-number", "published": "2023-04-03", "text": 42},
    {"id": "s4", "published": "2023-05-20",
     "text": "Des milliers d'agriculteurs ont bloqué les routes autour de Bichkek vendredi. "
             "Le gouvernement kirghiz a annoncé l'ouverture de négociations."},
    {"id": "bad-missing", "published": "2023-05-21"},
    {"id": "s5",
     "text": "Les forces de sécurité ont dispersé dimanche un rassemblement d'opposants à "
             "Tbilissi et interpellé une quarantaine de manifestants, a indiqué le ministère "
             "de l'Intérieur."},
    {"id": "s6", "published": "2023-06-09", "text": "Rien de notable ne s'est produit hier."},
]


def good_articles() -> list[dict[str, object]]:
    """The articles extract_many processes without error."""
    return [a for a in ARTICLES if isinstance(a.get("text"), str)]
