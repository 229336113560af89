use crate::helpers::TestApp;

#[tokio::test]
async fn live_and_ready_answer_ok_with_a_database() {
    let app = TestApp::spawn().await;
    for path in ["/health/live", "/health/ready"] {
        let (status, body) = app.get_json(path).await;
        assert_eq!((status, body["status"].as_str()), (200, Some("ok")), "{path}");
    }
}
